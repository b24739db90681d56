package com.crmbot.web;

import java.util.Map;

import com.crmbot.config.ConfigService;
import com.crmbot.template.TemplateService;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Bad API requests get a clear JSON answer; nothing answers with a stack trace or a bare
 * 500.
 */
@RestControllerAdvice(basePackages = "com.crmbot")
class ApiErrors {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	private final TemplateService templates;

	private final ConfigService config;

	ApiErrors(TemplateService templates, ConfigService config) {
		this.templates = templates;
		this.config = config;
	}

	/**
	 * The answer: {@code code} for scripts, {@code error} in the caller's language (the
	 * signed-in user's, else the browser's, else the default).
	 */
	private ResponseEntity<Map<String, String>> answer(HttpStatus status, String code, HttpServletRequest request,
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
		return (accept != null && accept.strip().toLowerCase(java.util.Locale.ROOT).startsWith("en")) ? "en"
				: TemplateService.DEFAULT_LOCALE;
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
			MethodArgumentTypeMismatchException.class, MultipartException.class })
	ResponseEntity<Map<String, String>> badRequest(Exception ex, HttpServletRequest request) {
		if (tooLarge(request) || ex instanceof MaxUploadSizeExceededException) {
			return tooLarge(request);
		}
		return answer(HttpStatus.BAD_REQUEST, "malformed", request, Map.of("type", ex.getClass().getSimpleName()));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media-type", request,
				Map.of("type", String.valueOf(ex.getContentType())));
	}

	@ExceptionHandler(java.io.IOException.class)
	ResponseEntity<Map<String, String>> io(java.io.IOException ex, HttpServletRequest request) {
		if (tooLarge(request)) {
			return tooLarge(request);
		}
		log.info("request body could not be read: {}", ex.toString());
		return answer(HttpStatus.BAD_REQUEST, "unreadable", request, Map.of());
	}

	private static boolean tooLarge(HttpServletRequest request) {
		return request.getAttribute("crmbot.bodyTooLarge") != null;
	}

	private ResponseEntity<Map<String, String>> tooLarge(HttpServletRequest request) {
		return answer(HttpStatus.CONTENT_TOO_LARGE, "too-large", request, Map.of());
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException ex) {
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(Map.of("error", ex.getMessage()));
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<Map<String, String>> failed(RuntimeException ex, HttpServletRequest request) {
		if (tooLarge(request)) {
			return tooLarge(request);
		}
		log.error("request failed", ex);
		return answer(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", request, Map.of());
	}

}
