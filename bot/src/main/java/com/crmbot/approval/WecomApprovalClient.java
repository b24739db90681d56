package com.crmbot.approval;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.crmbot.config.WorkflowConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Opens a WeCom native approval: {@code GET /cgi-bin/gettoken}, then
 * {@code POST /cgi-bin/oa/applyevent} → {@code sp_no}. The token is cached until it
 * expires and refreshed once on 42001/40014/40001. Plain HTTP (the bot module does not
 * use WeCom SDK types).
 */
@Component
class WecomApprovalClient {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Clock clock;

	private String token;

	private Instant tokenUntil = Instant.EPOCH;

	private String tokenFor;

	WecomApprovalClient(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Open an approval; returns the sp_no.
	 * @throws IllegalStateException with WeCom's error when it refuses
	 */
	String apply(WorkflowConfig.WecomApproval cfg, String creator, List<String> approvers, List<String> notify,
			long amount, String summary) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("creator_userid", creator);
		body.put("template_id", cfg.templateId());
		body.put("use_template_approver", 0);
		List<Map<String, Object>> chain = new ArrayList<>();
		for (String a : approvers) {
			chain.add(Map.of("attr", 1, "userid", List.of(a)));
		}
		body.put("approver", chain);
		if (!notify.isEmpty()) {
			body.put("notifyer", notify);
			body.put("notify_type", 1);
		}
		body.put("apply_data", Map.of("contents", List.of(Map.of("control", "Money", "id", cfg.amountControlId(),
				"value", Map.of("new_money", Long.toString(amount))))));
		body.put("summary_list", List.of(Map.of("summary_info", List.of(Map.of("text", summary, "lang", "zh_CN")))));
		String json = JSON.writeValueAsString(body);
		JsonNode res = post(cfg, "/cgi-bin/oa/applyevent", json, false);
		int code = res.path("errcode").asInt(-1);
		if (code == 42001 || code == 40014 || code == 40001) {
			res = post(cfg, "/cgi-bin/oa/applyevent", json, true);
			code = res.path("errcode").asInt(-1);
		}
		if (code != 0 || res.path("sp_no").asString("").isEmpty()) {
			throw new IllegalStateException(
					"WeCom oa/applyevent refused: " + code + " " + res.path("errmsg").asString(""));
		}
		return res.path("sp_no").asString();
	}

	private JsonNode post(WorkflowConfig.WecomApproval cfg, String path, String json, boolean freshToken) {
		String t = token(cfg, freshToken);
		HttpRequest req = HttpRequest.newBuilder(URI.create(cfg.baseUrl() + path + "?access_token=" + enc(t)))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
			.build();
		return call(req);
	}

	private synchronized String token(WorkflowConfig.WecomApproval cfg, boolean fresh) {
		String key = cfg.baseUrl() + "|" + cfg.corpId();
		if (!fresh && token != null && key.equals(tokenFor) && clock.instant().isBefore(tokenUntil)) {
			return token;
		}
		HttpRequest req = HttpRequest.newBuilder(URI.create(
				cfg.baseUrl() + "/cgi-bin/gettoken?corpid=" + enc(cfg.corpId()) + "&corpsecret=" + enc(cfg.secret())))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		JsonNode res = call(req);
		if (res.path("errcode").asInt(-1) != 0) {
			throw new IllegalStateException("WeCom gettoken refused: " + res.path("errcode").asInt(-1));
		}
		token = res.path("access_token").asString();
		tokenFor = key;
		tokenUntil = clock.instant().plusSeconds(Math.max(60, res.path("expires_in").asLong(7200) - 300));
		return token;
	}

	private JsonNode call(HttpRequest req) {
		try {
			HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (res.statusCode() / 100 != 2) {
				throw new IllegalStateException("WeCom API HTTP " + res.statusCode());
			}
			return JSON.readTree(res.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("WeCom API unreachable: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted");
		}
	}

	private static String enc(String s) {
		return URLEncoder.encode((s != null) ? s : "", StandardCharsets.UTF_8);
	}

}
