package com.crmbot.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/** A small JSON error answer written by filters, before any controller. */
final class Json {

	private Json() {
	}

	static void error(HttpServletResponse response, int status, String message) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(status);
		response.setContentType("application/json;charset=UTF-8");
		String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
		response.getOutputStream().write(("{\"error\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8));
	}

}
