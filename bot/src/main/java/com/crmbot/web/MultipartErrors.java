package com.crmbot.web;

import java.util.Map;

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

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Map<String, String>> multipart(MultipartException ex) {
		if (ex instanceof MaxUploadSizeExceededException) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.body(Map.of("error", "上传的文件太大 / upload too large"));
		}
		log.info("broken multipart request: {}", ex.getMessage());
		return ResponseEntity.badRequest().body(Map.of("error", "multipart 请求格式不正确 / malformed multipart request"));
	}

}
