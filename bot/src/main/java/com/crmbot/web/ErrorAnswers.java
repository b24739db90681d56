package com.crmbot.web;

import java.util.Locale;
import java.util.Map;

import com.crmbot.config.ConfigService;
import com.crmbot.template.TemplateService;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The JSON answer to a bad API request: {@code code} for scripts, {@code error} in the
 * caller's language (the signed-in user's, else the browser's, else the default), from
 * the {@code api-error-<code>} templates.
 */
@Component
class ErrorAnswers {

	private final TemplateService templates;

	private final ConfigService config;

	ErrorAnswers(TemplateService templates, ConfigService config) {
		this.templates = templates;
		this.config = config;
	}

	ResponseEntity<Map<String, String>> answer(HttpStatus status, String code, HttpServletRequest request,
			Map<String, ?> vars) {
		return ResponseEntity.status(status)
			.body(Map.of("code", code, "error", templates.reply(locale(request), "api-error-" + code, vars)));
	}

	private String locale(HttpServletRequest request) {
		if (request != null && request.getUserPrincipal() != null) {
			var user = config.get().user(request.getUserPrincipal().getName());
			if (user.isPresent()) {
				return user.get().localeOrDefault();
			}
		}
		String accept = (request != null) ? request.getHeader("Accept-Language") : null;
		return (accept != null && accept.strip().toLowerCase(Locale.ROOT).startsWith("en")) ? "en"
				: TemplateService.DEFAULT_LOCALE;
	}

}
