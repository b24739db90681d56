package com.crmbot.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A broken multipart body fails before any controller is chosen, so {@link ApiErrors}
 * (limited to the bot's controllers) never sees it: 400 (413 when too large), no stack
 * trace.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MultipartErrors {

	private static final Logger log = LoggerFactory.getLogger(MultipartErrors.class);

	private final ErrorAnswers answers;

	MultipartErrors(ErrorAnswers answers) {
		this.answers = answers;
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Map<String, String>> multipart(MultipartException ex, HttpServletRequest request) {
		if (ex instanceof MaxUploadSizeExceededException) {
			return answers.answer(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", request, Map.of());
		}
		log.info("broken multipart request: {}", ex.getMessage());
		return answers.answer(HttpStatus.BAD_REQUEST, "malformed-multipart", request, Map.of());
	}

}
