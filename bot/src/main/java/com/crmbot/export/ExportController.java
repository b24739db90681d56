package com.crmbot.export;

import com.crmbot.access.AuditLog;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;

import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/export/{customers|followups|deals}.csv}: the CSV download as the
 * signed-in user, for roles allowed to export; every download and every denial is
 * audited.
 */
@RestController
@RequestMapping("/api/export")
class ExportController {

	private final ExportService exports;

	private final AuditLog audit;

	private final ConfigService config;

	ExportController(ExportService exports, AuditLog audit, ConfigService config) {
		this.exports = exports;
		this.audit = audit;
		this.config = config;
	}

	@GetMapping("/{file}")
	void download(@PathVariable String file, Principal principal, HttpServletResponse response) throws IOException {
		AdminConfig cfg = config.get();
		Optional<Actor> actor = (principal == null) ? Optional.empty()
				: cfg.user(principal.getName()).map((u) -> new Actor(u, cfg.roleOf(u)));
		Optional<ExportService.Kind> kind = ExportService.Kind.of(file);
		if (actor.isEmpty() || kind.isEmpty()) {
			response.sendError(404, "unknown user or export");
			return;
		}
		String action = "export " + kind.get().name().toLowerCase();
		if (!actor.get().role().canExport()) {
			audit.denied(actor.get(), action, "http");
			response.sendError(403, "export not allowed for role " + actor.get().role().id());
			return;
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + kind.get().file() + "\"");
		Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		long rows = exports.write(actor.get(), kind.get(), w);
		w.flush();
		audit.allowed(actor.get(), action, "http", rows);
	}

}
