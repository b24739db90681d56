package com.crmbot.security;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.template.TemplateService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.HtmlUtils;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sign-in page ({@code GET /login}): user name and password for local accounts and,
 * in trial mode on the machine itself, a picker of the configured users. Also
 * {@code GET /api/session}: who is signed in, for the chat page.
 */
@RestController
class SignInController {

	private final TemplateService templates;

	private final ConfigService config;

	private final TrialMode trial;

	private final PlatformSignIn platforms;

	SignInController(TemplateService templates, ConfigService config, TrialMode trial, PlatformSignIn platforms) {
		this.templates = templates;
		this.config = config;
		this.trial = trial;
		this.platforms = platforms;
	}

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> page(HttpServletRequest request, CsrfToken csrf) {
		String locale = locale(request);
		Map<String, Object> vars = new HashMap<>();
		String csrfField = "<input type=\"hidden\" name=\"" + esc(csrf.getParameterName()) + "\" value=\""
				+ esc(csrf.getToken()) + "\">";
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html><html lang=\"")
			.append(locale)
			.append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.append("<title>")
			.append(t(locale, "signin-title", vars))
			.append("</title><link rel=\"stylesheet\" href=\"signin.css\"></head><body><main>")
			.append("<h1>crm-bot</h1>");
		if (request.getParameter("error") != null) {
			String key = "platform".equals(request.getParameter("error")) ? "signin-platform-failed" : "signin-failed";
			html.append("<p class=\"error\" id=\"error\">").append(t(locale, key, vars)).append("</p>");
		}
		if (platforms.wecomEnabled() || platforms.dingtalkEnabled()) {
			html.append("<section class=\"platforms\" id=\"platforms\">");
			if (platforms.wecomEnabled()) {
				link(html, "signin/wecom/qr", "signin-wecom-qr", locale);
				link(html, "signin/wecom", "signin-wecom", locale);
			}
			if (platforms.dingtalkEnabled()) {
				link(html, "signin/dingtalk/qr", "signin-dingtalk-qr", locale);
				link(html, "signin/dingtalk/app", "signin-dingtalk", locale);
			}
			html.append("<p class=\"or\">").append(t(locale, "signin-or", vars)).append("</p></section>");
		}
		if (request.getParameter("logout") != null) {
			html.append("<p class=\"info\">").append(t(locale, "signin-logged-out", vars)).append("</p>");
		}
		if (trial.admits(request)) {
			html.append("<section class=\"trial\" id=\"trial\"><p class=\"banner\">")
				.append(t(locale, "signin-trial-banner", vars))
				.append("</p><form method=\"post\" action=\"login\">")
				.append(csrfField)
				.append("<input type=\"hidden\" name=\"password\" value=\"\"><label>")
				.append(t(locale, "signin-trial-pick", vars))
				.append(" <select name=\"username\" id=\"trial-user\">");
			AdminConfig cfg = config.get();
			for (User u : cfg.org().users()) {
				html.append("<option value=\"")
					.append(esc(u.id()))
					.append("\">")
					.append(esc(u.name() + " (" + u.id() + ")"))
					.append("</option>");
			}
			html.append("</select></label> <button type=\"submit\" id=\"trial-submit\">")
				.append(t(locale, "signin-trial-submit", vars))
				.append("</button></form></section>");
		}
		html.append("<form method=\"post\" action=\"login\" id=\"password-form\">")
			.append(csrfField)
			.append("<label>")
			.append(t(locale, "signin-user", vars))
			.append(" <input name=\"username\" id=\"username\" autocomplete=\"username\" required></label><label>")
			.append(t(locale, "signin-password", vars))
			.append(" <input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" required></label>")
			.append("<button type=\"submit\" id=\"signin\">")
			.append(t(locale, "signin-submit", vars))
			.append("</button></form></main></body></html>");
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html.toString());
	}

	@GetMapping("/api/session")
	Map<String, Object> session(java.security.Principal principal) {
		Map<String, Object> out = new LinkedHashMap<>();
		User u = config.get().user(principal.getName()).orElse(null);
		out.put("user", principal.getName());
		out.put("name", (u != null) ? u.name() : principal.getName());
		out.put("trial", trial.enabled());
		return out;
	}

	private void link(StringBuilder html, String href, String key, String locale) {
		html.append("<p><a class=\"platform\" href=\"")
			.append(href)
			.append("\" id=\"")
			.append(key)
			.append("\">")
			.append(t(locale, key, Map.of()))
			.append("</a></p>");
	}

	private String t(String locale, String key, Map<String, ?> vars) {
		return esc(templates.reply(locale, key, vars));
	}

	private static String esc(String s) {
		return HtmlUtils.htmlEscape(s, "UTF-8");
	}

	private static String locale(HttpServletRequest request) {
		String al = request.getHeader("Accept-Language");
		return (al != null && al.toLowerCase(Locale.ROOT).startsWith("en")) ? "en" : TemplateService.DEFAULT_LOCALE;
	}

}
