package com.crmbot.mail;

import java.util.Map;
import java.util.Optional;

import com.crmbot.template.TemplateService;
import org.apache.commons.text.StringEscapeUtils;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The unsubscribe link of every campaign mail: no sign-in, the signed token is the
 * authority. GET shows a confirmation page (so that link scanners unsubscribe nobody);
 * POST unsubscribes, both from the page's form and as RFC 8058 one-click
 * ({@code List-Unsubscribe-Post}). A bad token gets a 400 page.
 */
@RestController
class UnsubscribeController {

	static final String PATH = "/mail/unsubscribe";

	private final UnsubscribeTokens tokens;

	private final OptOuts optOuts;

	private final TemplateService templates;

	UnsubscribeController(UnsubscribeTokens tokens, OptOuts optOuts, TemplateService templates) {
		this.tokens = tokens;
		this.optOuts = optOuts;
		this.templates = templates;
	}

	@GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
	ResponseEntity<String> confirm(@RequestParam(name = "t", required = false) String token,
			@RequestHeader(name = "Accept-Language", required = false) String lang) {
		String locale = locale(lang);
		Optional<String> addr = tokens.verify(token);
		if (addr.isEmpty()) {
			return invalid(locale);
		}
		return ResponseEntity.ok(page(locale, templates.reply(locale, "unsubscribe-confirm",
				Map.of("email", esc(mask(addr.get())), "token", esc(token), "action", PATH))));
	}

	@PostMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
	ResponseEntity<String> unsubscribe(@RequestParam(name = "t", required = false) String token,
			@RequestParam(name = "List-Unsubscribe", required = false) String oneClick,
			@RequestHeader(name = "Accept-Language", required = false) String lang) {
		String locale = locale(lang);
		Optional<String> addr = tokens.verify(token);
		if (addr.isEmpty()) {
			return invalid(locale);
		}
		optOuts.optOut(addr.get(), "One-Click".equalsIgnoreCase(oneClick) ? "one-click" : "link");
		return ResponseEntity
			.ok(page(locale, templates.reply(locale, "unsubscribe-done", Map.of("email", esc(mask(addr.get()))))));
	}

	private ResponseEntity<String> invalid(String locale) {
		return ResponseEntity.badRequest()
			.contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
			.body(page(locale, templates.reply(locale, "unsubscribe-invalid", Map.of())));
	}

	private static String locale(String acceptLanguage) {
		return (acceptLanguage != null && acceptLanguage.strip().toLowerCase().startsWith("en")) ? "en"
				: TemplateService.DEFAULT_LOCALE;
	}

	/** w***@example.com: the page shows whose address without spelling it out. */
	static String mask(String addr) {
		int at = addr.indexOf('@');
		return (at <= 1) ? addr : addr.charAt(0) + "***" + addr.substring(at);
	}

	private static String esc(String s) {
		return StringEscapeUtils.escapeHtml4(s);
	}

	private static String page(String locale, String body) {
		return "<!doctype html><html lang=\"" + locale + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>crm-bot</title></head>"
				+ "<body style=\"font-family:sans-serif;max-width:36em;margin:3em auto\">" + body + "</body></html>";
	}

}
