package com.crmbot.report;

import java.util.Optional;

import com.crmbot.config.ConfigService;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/charts/<id>.png}: a chart for the user it was drawn for (the caller is
 * taken from where the export API takes it, today the {@code user} parameter), or for
 * anyone holding a signed public link ({@code sig}, for platforms that fetch images
 * themselves).
 */
@RestController
@RequestMapping("/api/charts")
class ChartController {

	private final ChartStore charts;

	private final ConfigService config;

	ChartController(ChartStore charts, ConfigService config) {
		this.charts = charts;
		this.config = config;
	}

	@GetMapping("/{file}")
	ResponseEntity<byte[]> get(@PathVariable String file, @RequestParam(required = false) String sig,
			java.security.Principal principal) {
		String user = (principal != null) ? principal.getName() : null;
		if (!file.matches("[0-9a-f]{32}\\.png")) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		String id = file.substring(0, 32);
		Optional<StoredChart> chart = charts.get(id);
		if (chart.isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		boolean signed = sig != null && charts.signatureOk(id, sig);
		boolean owner = user != null && config.get().user(user).isPresent() && user.equals(chart.get().userId());
		if (!signed && !owner) {
			return ResponseEntity.status((user == null && sig == null) ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN)
				.build();
		}
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.cacheControl(CacheControl.noStore())
			.body(chart.get().png());
	}

}
