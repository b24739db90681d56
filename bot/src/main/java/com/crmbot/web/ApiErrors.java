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

	@ExceptionHandler({ HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
			MethodArgumentTypeMismatchException.class, MultipartException.class })
	ResponseEntity<Map<String, String>> badRequest(Exception ex, HttpServletRequest request) {
		if (tooLarge(request) || ex instanceof MaxUploadSizeExceededException) {
			return tooLarge();
		}
		return ResponseEntity.badRequest()
			.body(Map.of("error", "请求格式不正确 / malformed request: " + ex.getClass().getSimpleName()));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException ex) {
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.body(Map.of("error", "不支持的内容类型，请用 application/json / unsupported content type " + ex.getContentType()
					+ ", send application/json"));
	}

	@ExceptionHandler(java.io.IOException.class)
	ResponseEntity<Map<String, String>> io(java.io.IOException ex, HttpServletRequest request) {
		if (tooLarge(request)) {
			return tooLarge();
		}
		log.info("request body could not be read: {}", ex.toString());
		return ResponseEntity.badRequest().body(Map.of("error", "请求体读取失败 / request body could not be read"));
	}

	private static boolean tooLarge(HttpServletRequest request) {
		return request.getAttribute("crmbot.bodyTooLarge") != null;
	}

	private static ResponseEntity<Map<String, String>> tooLarge() {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(Map.of("error", "请求太大 / request body too large"));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException ex) {
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(Map.of("error", ex.getMessage()));
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<Map<String, String>> failed(RuntimeException ex, HttpServletRequest request) {
		if (tooLarge(request)) {
			return tooLarge();
		}
		log.error("request failed", ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(Map.of("error", "暂时无法处理，请稍后重试 / temporarily unavailable, please retry"));
	}

}
