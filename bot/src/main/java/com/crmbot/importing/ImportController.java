package com.crmbot.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.template.TemplateService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Lead import over HTTP (the web chat's upload button and scripts): {@code POST
 * /api/import?file=[&confirm=true]} with the file as the raw body or as a multipart part
 * named {@code file} (never text/plain or a form: 415), as the signed-in user; answers
 * with the doctor's report as chat replies. {@code GET /api/import/{id}/rejected.csv}
 * downloads the rejected rows.
 */
@RestController
@RequestMapping("/api/import")
class ImportController {

	private final ImportFlow flow;

	private final ImportStore store;

	private final ImportJobs jobs;

	private final ConfigService config;

	private final TemplateService templates;

	ImportController(ImportFlow flow, ImportStore store, ImportJobs jobs, ConfigService config,
			TemplateService templates) {
		this.templates = templates;
		this.flow = flow;
		this.store = store;
		this.jobs = jobs;
		this.config = config;
	}

	/**
	 * The parameters come from the query string only, read by hand: asking the servlet
	 * request for a parameter would make it read a body sent as a form ({@code curl
	 * --data-binary} sends {@code application/x-www-form-urlencoded}) and leave the
	 * upload empty, and a multipart part named {@code file} would collide with the
	 * {@code file} query parameter.
	 */
	@PostMapping
	ResponseEntity<?> upload(HttpServletRequest request, Principal principal) throws IOException {
		Map<String, String> query = query(request.getQueryString());
		boolean confirm = "true".equalsIgnoreCase(query.get("confirm"));
		Optional<Actor> actor = actor(principal);
		if (actor.isEmpty()) {
			return error(HttpStatus.FORBIDDEN, templates.both("api-error-unknown-user", Map.of()));
		}
		// a browser page of another site can post text/plain or a form without a
		// preflight
		// (with the user's cookie): only a caller holding a token may send those types
		// (curl --data-binary labels a file as a form)
		String type = request.getContentType();
		String authorization = request.getHeader("Authorization");
		boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
		if (!bearer && type != null && (type.toLowerCase(java.util.Locale.ROOT).startsWith("text/plain")
				|| type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded"))) {
			return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, templates.both("api-error-upload-type", Map.of()));
		}
		InputStream body;
		String name = query.get("file");
		if (request instanceof MultipartHttpServletRequest multipart) {
			MultipartFile part = multipart.getFile("file");
			if (part == null && !multipart.getFileMap().isEmpty()) {
				part = multipart.getFileMap().values().iterator().next();
			}
			if (part == null) {
				return error(HttpStatus.BAD_REQUEST, templates.both("api-error-no-file-part", Map.of()));
			}
			body = part.getInputStream();
			name = (name != null && !name.isBlank()) ? name : part.getOriginalFilename();
		}
		else {
			body = request.getInputStream();
		}
		ImportFlow.Result r = flow.upload(actor.get(), (name != null) ? name : "upload", body, confirm);
		return ResponseEntity
			.ok(Map.of("importId", (r.importId() != null) ? r.importId() : "", "replies", r.replies()));
	}

	@GetMapping("/{id}/rejected.csv")
	void rejected(@PathVariable String id, Principal principal, HttpServletResponse response) throws IOException {
		Optional<Actor> actor = actor(principal);
		Optional<LeadImport> imp = store.get(id);
		if (actor.isEmpty() || imp.isEmpty() || !imp.get().mayBeUsedBy(actor.get())) {
			response.sendError(HttpStatus.NOT_FOUND.value(), "no such import");
			return;
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-rejected.csv\"");
		Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		jobs.writeRejected(imp.get(), actor.get().locale(), w);
		w.flush();
	}

	/** Query parameters, percent-decoded as UTF-8 (the first value of each). */
	static Map<String, String> query(String raw) {
		Map<String, String> out = new java.util.HashMap<>();
		if (raw == null) {
			return out;
		}
		if (raw.chars().anyMatch((c) -> c > 0x7F) && raw.chars().allMatch((c) -> c <= 0xFF)) {
			// raw UTF-8 bytes in the URL (curl sends them as typed) read as ISO-8859-1
			raw = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
		}
		for (String pair : raw.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String k = (eq >= 0) ? pair.substring(0, eq) : pair;
			String v = (eq >= 0) ? pair.substring(eq + 1) : "";
			try {
				out.putIfAbsent(java.net.URLDecoder.decode(k, StandardCharsets.UTF_8),
						java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				out.putIfAbsent(k, v);
			}
		}
		return out;
	}

	private Optional<Actor> actor(Principal principal) {
		AdminConfig cfg = config.get();
		return (principal == null) ? Optional.empty()
				: cfg.user(principal.getName()).map((u) -> new Actor(u, cfg.roleOf(u)));
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
	}

}
