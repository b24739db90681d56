package com.crmbot.report;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.config.OrgConfig;
import com.crmbot.template.TemplateService;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /dashboard} (signed in): the four reports (funnel, industry, region,
 * correlation) with their charts (served by {@code /api/charts}) and readings, filtered
 * by form fields: date range (or custom from/to), department, owner, stage, source, tag.
 * Without parameters it starts from the user's remembered chat filters; 重置 goes back to
 * the last 30 days. Visibility is the access policy's, as in chat. Every word comes from
 * the {@code dashboard-*} reply templates in the user's language.
 */
@RestController
class DashboardController {

	private final Reports reports;

	private final ReportFilters filters;

	private final ConfigService config;

	private final TemplateService templates;

	DashboardController(Reports reports, ReportFilters filters, ConfigService config, TemplateService templates) {
		this.reports = reports;
		this.filters = filters;
		this.config = config;
		this.templates = templates;
	}

	/**
	 * For the chat page: the dashboard link and its label in the user's language, when
	 * the signed-in user may see reports (any configured user); 403 otherwise.
	 */
	@GetMapping("/api/dashboard/link")
	ResponseEntity<Map<String, String>> link(Principal principal) {
		AdminConfig cfg = config.get();
		Optional<Actor> actor = (principal == null) ? Optional.empty()
				: cfg.user(principal.getName()).map((u) -> new Actor(u, cfg.roleOf(u)));
		if (actor.isEmpty()) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(Map.of("href", "dashboard", "label", t(actor.get().locale(), "dashboard-link", Map.of())));
	}

	@GetMapping("/dashboard")
	ResponseEntity<String> dashboard(Principal principal, @RequestParam Map<String, String> params) {
		AdminConfig cfg = config.get();
		Optional<Actor> actor = (principal == null) ? Optional.empty()
				: cfg.user(principal.getName()).map((u) -> new Actor(u, cfg.roleOf(u)));
		if (actor.isEmpty()) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("unknown user");
		}
		String locale = actor.get().locale();
		ReportFilter f;
		try {
			f = params.isEmpty() ? filters.of(actor.get().id()) : fromForm(actor.get().id(), params, cfg);
		}
		catch (BadField ex) {
			return html(HttpStatus.BAD_REQUEST, page(locale, ReportFilter.defaults(actor.get().id()), cfg, actor.get(),
					"<p class=\"error\" id=\"error\">"
							+ esc(t(locale, "dashboard-bad-filter",
									Map.of("field", t(locale, "dashboard-" + ex.field, Map.of()), "value", ex.value)))
							+ "</p>"));
		}
		StringBuilder sections = new StringBuilder();
		for (Reports.Kind kind : Reports.Kind.values()) {
			String id = kind.name().toLowerCase(Locale.ROOT);
			Reports.Result r = reports.run(kind, actor.get(), f);
			String title = t(locale, "dashboard-" + id, Map.of());
			sections.append("<section class=\"report\" id=\"report-").append(id).append("\"><h2>").append(esc(title));
			sections.append("</h2>");
			if (r.chartId() != null) {
				sections.append("<img class=\"chart\" src=\"/api/charts/")
					.append(r.chartId())
					.append(".png\" alt=\"")
					.append(esc(title))
					.append("\">");
			}
			sections.append("<pre class=\"reading\">").append(esc(r.text())).append("</pre></section>");
		}
		return html(HttpStatus.OK, page(locale, f, cfg, actor.get(), sections.toString()));
	}

	private static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status)
			.contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.body(body);
	}

	private ReportFilter fromForm(String userId, Map<String, String> p, AdminConfig cfg) {
		String rangeText = value(p, "range");
		ReportFilter.Range range = ReportFilter.Range.LAST_30_DAYS;
		if (rangeText != null) {
			try {
				range = ReportFilter.Range.valueOf(rangeText.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new BadField("range", rangeText);
			}
		}
		LocalDate from = date(p, "from");
		LocalDate to = date(p, "to");
		if (range == ReportFilter.Range.CUSTOM) {
			if (from == null) {
				throw new BadField("from", "—");
			}
			if (to == null) {
				throw new BadField("to", "—");
			}
			if (to.isBefore(from)) {
				throw new BadField("to", to.toString());
			}
		}
		else {
			from = null;
			to = null;
		}
		String department = value(p, "department");
		if (department != null && cfg.department(department).isEmpty()) {
			throw new BadField("department", department);
		}
		String owner = value(p, "owner");
		if (owner != null && cfg.user(owner).isEmpty()) {
			throw new BadField("owner", owner);
		}
		String stage = value(p, "stage");
		if (stage != null && cfg.customers().stages().stream().noneMatch((s) -> s.id().equals(stage))) {
			throw new BadField("stage", stage);
		}
		return new ReportFilter(userId, range, from, to, department, owner, stage, value(p, "source"), value(p, "tag"));
	}

	private static String value(Map<String, String> p, String name) {
		String v = p.get(name);
		return (v == null || v.isBlank()) ? null : v.strip();
	}

	private static LocalDate date(Map<String, String> p, String name) {
		String v = value(p, name);
		if (v == null) {
			return null;
		}
		try {
			return LocalDate.parse(v);
		}
		catch (DateTimeParseException ex) {
			throw new BadField(name, v);
		}
	}

	private String page(String locale, ReportFilter f, AdminConfig cfg, Actor actor, String body) {
		StringBuilder h = new StringBuilder();
		String title = t(locale, "dashboard-title", Map.of());
		h.append("<!doctype html><html lang=\"")
			.append("en".equals(locale) ? "en" : "zh-CN")
			.append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
			.append(esc(title))
			.append("</title><link rel=\"stylesheet\" href=\"/dashboard.css\"></head><body><header><h1>")
			.append(esc(title))
			.append("</h1><span id=\"me\">")
			.append(esc(actor.user().name()))
			.append("</span> <a href=\"/\">")
			.append(esc(t(locale, "dashboard-chat", Map.of())))
			.append("</a></header>");
		h.append("<form id=\"filters\" method=\"get\" action=\"/dashboard\">");
		StringBuilder ranges = new StringBuilder();
		for (ReportFilter.Range r : ReportFilter.Range.values()) {
			String label = (r == ReportFilter.Range.CUSTOM) ? t(locale, "dashboard-range-custom", Map.of())
					: filters.rangeLabel(new ReportFilter(null, r, null, null, null, null, null, null, null), locale);
			option(ranges, r.name().toLowerCase(Locale.ROOT), label, r == f.range());
		}
		select(h, locale, "range", ranges, false);
		input(h, locale, "from", "date", (f.from() != null) ? f.from().toString() : "");
		input(h, locale, "to", "date", (f.to() != null) ? f.to().toString() : "");
		StringBuilder depts = new StringBuilder();
		for (OrgConfig.Department d : cfg.org().departments()) {
			option(depts, d.id(), d.name(), d.id().equals(f.department()));
		}
		select(h, locale, "department", depts, true);
		StringBuilder owners = new StringBuilder();
		for (OrgConfig.User u : cfg.org().users()) {
			boolean mine = switch (actor.role().visibility()) {
				case OWN -> u.id().equals(actor.id());
				case DEPARTMENT ->
					actor.user().department() != null && actor.user().department().equals(u.department());
				case ALL -> true;
			};
			if (mine) {
				option(owners, u.id(), u.name(), u.id().equals(f.owner()));
			}
		}
		select(h, locale, "owner", owners, true);
		StringBuilder stages = new StringBuilder();
		for (CustomerConfig.Stage s : cfg.customers().stages()) {
			option(stages, s.id(), (s.label() != null) ? s.label() : s.id(), s.id().equals(f.stage()));
		}
		select(h, locale, "stage", stages, true);
		input(h, locale, "source", "text", (f.source() != null) ? f.source() : "");
		input(h, locale, "tag", "text", (f.tag() != null) ? f.tag() : "");
		h.append("<button type=\"submit\" id=\"apply\">")
			.append(esc(t(locale, "dashboard-apply", Map.of())))
			.append("</button> <a id=\"reset\" href=\"/dashboard?range=last_30_days\">")
			.append(esc(t(locale, "dashboard-reset", Map.of())))
			.append("</a></form>");
		h.append("<p id=\"current\">").append(esc(filters.describe(f, locale))).append("</p>");
		h.append("<main>").append(body).append("</main></body></html>");
		return h.toString();
	}

	private void select(StringBuilder h, String locale, String name, StringBuilder options, boolean anyOption) {
		h.append("<label>")
			.append(esc(t(locale, "dashboard-" + name, Map.of())))
			.append(" <select name=\"")
			.append(name)
			.append("\" id=\"f-")
			.append(name)
			.append("\">");
		if (anyOption) {
			h.append("<option value=\"\">").append(esc(t(locale, "dashboard-any", Map.of()))).append("</option>");
		}
		h.append(options).append("</select></label> ");
	}

	private void input(StringBuilder h, String locale, String name, String type, String value) {
		h.append("<label>")
			.append(esc(t(locale, "dashboard-" + name, Map.of())))
			.append(" <input type=\"")
			.append(type)
			.append("\" name=\"")
			.append(name)
			.append("\" id=\"f-")
			.append(name)
			.append("\" value=\"")
			.append(esc(value))
			.append("\"></label> ");
	}

	private static void option(StringBuilder sb, String value, String label, boolean selected) {
		sb.append("<option value=\"")
			.append(esc(value))
			.append('"')
			.append(selected ? " selected" : "")
			.append('>')
			.append(esc(label))
			.append("</option>");
	}

	private static String esc(String s) {
		return (s == null) ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
	}

	private String t(String locale, String key, Map<String, ?> vars) {
		return templates.reply(locale, key, vars);
	}

	/** A form field that could not be read. */
	private static final class BadField extends RuntimeException {

		private final String field;

		private final String value;

		BadField(String field, String value) {
			super(field + "=" + value, null, false, false);
			this.field = field;
			this.value = value;
		}

	}

}
