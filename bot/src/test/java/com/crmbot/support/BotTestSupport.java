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
import com.crmbot.security.ApiTokens;
import com.crmbot.security.CrmUsers;
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
 * against the embedded store. Each test starts from empty collections. Requests are
 * signed in as the user they name ({@code say(user, ..)}, a {@code user=} query parameter
 * or a {@code "user"} body field) with a personal API token of that user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BotTestSupport {

	protected static final ObjectMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	protected int port;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	private ApiTokens apiTokens;

	@Autowired
	private CrmUsers users;

	private final Map<String, String> tokens = new java.util.HashMap<>();

	private int seq;

	@BeforeEach
	void cleanStore() {
		for (String c : List.of(Customer.COLLECTION, FollowUp.COLLECTION, OutboxEntry.COLLECTION, "local_inbox",
				"local_chat", "inbound_ledger")) {
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
		Response r = postAs(user, "/api/local/messages", Map.of("text", text, "messageId", messageId));
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

	/**
	 * POST JSON. The caller is signed in as the user named by a {@code "user"} field of
	 * the body or a {@code user=} query parameter (with a personal API token minted for
	 * that user), else anonymous. The server itself ignores those fields: the caller is
	 * whoever signed in.
	 */
	protected Response post(String path, Object body) {
		String user = (body instanceof Map<?, ?> m && m.get("user") instanceof String u) ? u : queryUser(path);
		if (user == null && body instanceof String s && s.strip().startsWith("{")) {
			try {
				JsonNode n = JSON.readTree(s);
				user = (n.get("user") != null && n.get("user").isString()) ? n.get("user").asString() : null;
			}
			catch (RuntimeException ex) {
				// not JSON: sent as it is
			}
		}
		return postAs(user, path, body);
	}

	/** POST JSON signed in as the user (null: anonymous). */
	protected Response postAs(String user, String path, Object body) {
		String json = (body instanceof String s) ? s : JSON.writeValueAsString(body);
		return sendAs(user,
				HttpRequest.newBuilder(uri(path))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
					.build());
	}

	/**
	 * GET, signed in as the {@code user=} of the query if there is one, else anonymous.
	 */
	protected Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	/** GET signed in as the user (null: anonymous). */
	protected Response getAs(String user, String path) {
		return sendAs(user, HttpRequest.newBuilder(uri(path)).GET().build());
	}

	/**
	 * Send a request; without an {@code Authorization} header it is signed in as the
	 * {@code user=} of its query, if any.
	 */
	protected Response send(HttpRequest request) {
		return sendAs(queryUser(request.uri().getRawQuery()), request);
	}

	/**
	 * Send a request signed in as the user with a personal API token (a token minted for
	 * that configured user through the token store, sent as
	 * {@code Authorization: Bearer}); null or an unconfigured user: sent as it is, i.e.
	 * anonymous.
	 */
	protected Response sendAs(String user, HttpRequest request) {
		if (user != null && request.headers().firstValue("Authorization").isEmpty() && token(user) != null) {
			request = HttpRequest.newBuilder(request, (n, v) -> true)
				.header("Authorization", "Bearer " + token(user))
				.build();
		}
		return exchange(request);
	}

	/** A personal API token of a configured user (null for an unconfigured one). */
	protected String token(String user) {
		if (!tokens.containsKey(user)) {
			tokens.put(user, users.user(user).isPresent() ? apiTokens.issue(user, "test").secret() : null);
		}
		return tokens.get(user);
	}

	private static String queryUser(String pathOrQuery) {
		if (pathOrQuery == null) {
			return null;
		}
		String q = pathOrQuery.contains("?") ? pathOrQuery.substring(pathOrQuery.indexOf('?') + 1) : pathOrQuery;
		for (String kv : q.split("&")) {
			if (kv.startsWith("user=")) {
				return java.net.URLDecoder.decode(kv.substring(5), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	/** Send exactly this request. */
	protected Response exchange(HttpRequest request) {
		try {
			HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(res.statusCode(), res.body(), res.headers());
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
	public record Response(int status, String body, java.net.http.HttpHeaders headers) {

		public Response(int status, String body) {
			this(status, body, java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
		}

		/** A response header, or null. */
		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

		public JsonNode json() {
			return JSON.readTree(body);
		}

	}

}
