package com.crmbot.web;

import java.util.Map;

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

	private final ErrorAnswers answers;

	ApiErrors(ErrorAnswers answers) {
		this.answers = answers;
	}

	private ResponseEntity<Map<String, String>> answer(HttpStatus status, String code, HttpServletRequest request,
			Map<String, ?> vars) {
		return answers.answer(status, code, request, vars);
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
			MethodArgumentTypeMismatchException.class, MultipartException.class })
	ResponseEntity<Map<String, String>> badRequest(Exception ex, HttpServletRequest request) {
		if (tooLarge(request) || ex instanceof MaxUploadSizeExceededException) {
			return tooLargeAnswer(request);
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
			return tooLargeAnswer(request);
		}
		log.info("request body could not be read: {}", ex.toString());
		return answer(HttpStatus.BAD_REQUEST, "unreadable", request, Map.of());
	}

	private static boolean tooLarge(HttpServletRequest request) {
		return request.getAttribute("crmbot.bodyTooLarge") != null;
	}

	private ResponseEntity<Map<String, String>> tooLargeAnswer(HttpServletRequest request) {
		return answer(HttpStatus.CONTENT_TOO_LARGE, "too-large", request, Map.of());
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException ex) {
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(Map.of("error", ex.getMessage()));
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<Map<String, String>> failed(RuntimeException ex, HttpServletRequest request) {
		if (tooLarge(request)) {
			return tooLargeAnswer(request);
		}
		log.error("request failed", ex);
		return answer(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", request, Map.of());
	}

}
