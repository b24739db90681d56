package com.crmbot.connector.local;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Bad requests to the local API get a clear JSON answer, never a stack trace or a 500. */
@RestControllerAdvice(assignableTypes = LocalChatController.class)
class LocalApiErrors {

	private static final Logger log = LoggerFactory.getLogger(LocalApiErrors.class);

	@ExceptionHandler({ HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class,
			MissingServletRequestParameterException.class })
	ResponseEntity<Map<String, String>> badRequest(Exception ex) {
		return ResponseEntity.badRequest()
			.body(Map.of("error", "请求格式不正确，需要 JSON: {\"user\": ..., \"text\": ...} / malformed request"));
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<Map<String, String>> failed(RuntimeException ex) {
		log.error("local: processing failed", ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(Map.of("error", "暂时无法处理，请稍后重试 / temporarily unavailable, please retry"));
	}

}
