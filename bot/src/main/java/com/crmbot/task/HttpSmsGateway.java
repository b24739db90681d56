package com.crmbot.task;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.crmbot.config.ConfigService;
import com.crmbot.config.WorkflowConfig;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * An HTTP SMS gateway: {@code POST <sms.url>} with JSON
 * {@code {"to","text","sender","key"}} and {@code Authorization: Bearer <sms.apiKey>}.
 * 2xx is sent; 429 and 5xx are retried; other 4xx fail. The settings are read per send,
 * so {@code /config reload} applies.
 */
@Component
class HttpSmsGateway implements SmsGateway {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final ConfigService config;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	HttpSmsGateway(ConfigService config) {
		this.config = config;
	}

	@Override
	public boolean enabled() {
		return config.get().workflow().sms().enabled();
	}

	@Override
	public Result send(String mobile, String text, String key) {
		WorkflowConfig.Sms sms = config.get().workflow().sms();
		if (!sms.enabled()) {
			return Result.failed("no SMS gateway configured (workflow.yaml sms.url)");
		}
		Map<String, String> body = new LinkedHashMap<>();
		body.put("to", mobile);
		body.put("text", text);
		body.put("sender", sms.sender());
		body.put("key", key);
		HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(sms.url()))
			.timeout(Duration.ofSeconds(sms.timeoutSeconds()))
			.header("Content-Type", "application/json; charset=utf-8")
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
		if (sms.apiKey() != null) {
			req.header("Authorization", "Bearer " + sms.apiKey());
		}
		try {
			HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
			int status = res.statusCode();
			if (status / 100 == 2) {
				return Result.sent();
			}
			if (status == 429) {
				return Result.retry("SMS gateway rate limited (HTTP 429)");
			}
			if (status >= 500) {
				return Result.retry("SMS gateway error (HTTP " + status + ")");
			}
			if (status == 401 || status == 403) {
				return Result.failed("SMS gateway refused the API key (HTTP " + status + ")");
			}
			return Result.failed("SMS gateway rejected the message (HTTP " + status + ")");
		}
		catch (IOException ex) {
			return Result.retry("SMS gateway unreachable: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Result.retry("interrupted");
		}
	}

}
