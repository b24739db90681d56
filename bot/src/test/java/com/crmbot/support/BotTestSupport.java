package com.crmbot.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Drives the whole bot end to end through the local connector's JSON API on a real port,
 * against the embedded store. Each test starts from empty collections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BotTestSupport {

	protected static final ObjectMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	protected int port;

	@Autowired
	protected MongoTemplate mongo;

	private int seq;

	@BeforeEach
	void cleanStore() {
		for (String c : List.of(Customer.COLLECTION, FollowUp.COLLECTION, OutboxEntry.COLLECTION, "local_inbox",
				"inbound_ledger")) {
			mongo.remove(new Query(), c);
		}
		extraCleanup();
	}

	/** Collections a feature's tests also want emptied. */
	protected void extraCleanup() {
	}

	/**
	 * Post a message as a user and return the reply texts (fails on a non-2xx answer).
	 */
	protected List<String> say(String user, String text) {
		return say(user, text, "t-" + System.nanoTime() + "-" + (seq++));
	}

	protected List<String> say(String user, String text, String messageId) {
		Response r = post("/api/local/messages", Map.of("user", user, "text", text, "messageId", messageId));
		if (r.status() != 200) {
			throw new AssertionError("HTTP " + r.status() + ": " + r.body());
		}
		List<String> out = new ArrayList<>();
		r.json().get("replies").forEach((n) -> out.add(n.get("text").asString()));
		return out;
	}

	/** All reply texts joined, for contains-assertions. */
	protected String sayText(String user, String text) {
		return String.join("\n", say(user, text));
	}

	protected Response post(String path, Object body) {
		String json = (body instanceof String s) ? s : JSON.writeValueAsString(body);
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
			.build());
	}

	protected Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	protected Response send(HttpRequest request) {
		try {
			HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(res.statusCode(), res.body());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	protected long count(Class<?> type) {
		return mongo.count(new Query(), type);
	}

	protected static Map<String, Object> map(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			m.put((String) kv[i], kv[i + 1]);
		}
		return m;
	}

	/** An HTTP answer. */
	public record Response(int status, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

	}

}
