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
import org.springframework.web.bind.annotation.RestController;

/**
 * The BI export over HTTP, signed in or with {@code Authorization: Bearer <personal API
 * token>} (what Power BI's Web connector sends on every refresh):
 * <ul>
 * <li>{@code GET /api/export/crm.xlsx}: the workbook (one sheet per table);</li>
 * <li>{@code GET /api/feed/
 *
<table>
 * .csv} and {@code .json}: one table (customers, followups, followup_counts, deals,
 * stage_history).</li>
 * </ul>
 * For roles allowed to export; every download and denial is audited.
 */
@RestController
class BiExportController {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final BiExport bi;

	private final AuditLog audit;

	private final ConfigService config;

	BiExportController(BiExport bi, AuditLog audit, ConfigService config) {
		this.bi = bi;
		this.audit = audit;
		this.config = config;
	}

	@GetMapping("/api/export/crm.xlsx")
	void workbook(Principal principal, HttpServletResponse response) throws IOException {
		Optional<Actor> actor = allowed(principal, "export workbook", response);
		if (actor.isEmpty()) {
			return;
		}
		response.setContentType(XLSX);
		response.setHeader("Content-Disposition", "attachment; filename=\"crm.xlsx\"");
		long rows = bi.xlsx(actor.get(), response.getOutputStream());
		audit.allowed(actor.get(), "export workbook", "http", rows);
	}

	@GetMapping("/api/feed/{file}")
	void feed(@PathVariable String file, Principal principal, HttpServletResponse response) throws IOException {
		Optional<BiExport.Table> table = BiExport.Table.of(file);
		boolean json = file.endsWith(".json");
		if (table.isEmpty() || !(json || file.endsWith(".csv"))) {
			response.sendError(404, "unknown feed: use customers, followups, followup_counts, deals or stage_history"
					+ " with .csv or .json");
			return;
		}
		String action = "feed " + table.get().id;
		Optional<Actor> actor = allowed(principal, action, response);
		if (actor.isEmpty()) {
			return;
		}
		response.setHeader("Cache-Control", "no-store");
		long rows;
		if (json) {
			response.setContentType("application/json;charset=UTF-8");
			rows = bi.json(actor.get(), table.get(), response.getOutputStream());
		}
		else {
			response.setContentType("text/csv;charset=UTF-8");
			Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
			rows = bi.csv(actor.get(), table.get(), w);
			w.flush();
		}
		audit.allowed(actor.get(), action, "http", rows);
	}

	private Optional<Actor> allowed(Principal principal, String action, HttpServletResponse response)
			throws IOException {
		AdminConfig cfg = config.get();
		Optional<Actor> actor = (principal == null) ? Optional.empty()
				: cfg.user(principal.getName()).map((u) -> new Actor(u, cfg.roleOf(u)));
		if (actor.isEmpty()) {
			response.sendError(404, "unknown user");
			return Optional.empty();
		}
		if (!actor.get().role().canExport()) {
			audit.denied(actor.get(), action, "http");
			response.sendError(403, "export not allowed for role " + actor.get().role().id());
			return Optional.empty();
		}
		return actor;
	}

}
