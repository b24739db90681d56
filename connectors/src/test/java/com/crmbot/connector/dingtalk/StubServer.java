package com.crmbot.connector.dingtalk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real local HTTP server standing in for DingTalk (OpenAPI host, oapi host and session
 * webhooks), recording every request. The JDK server is used rather than OkHttp's
 * MockWebServer because {@code com.aliyun:tea} puts okhttp 3.12 on the test classpath
 * first, and MockWebServer 5 needs okhttp 5 classes of the same package names.
 */
final class StubServer {

	record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

		String header(String name) {
			for (Map.Entry<String, List<String>> e : headers.entrySet()) {
				if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
					return e.getValue().get(0);
				}
			}
			return null;
		}

	}

	record Canned(int status, String body) {
	}

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Canned>> overrides = new ConcurrentHashMap<>();

	StubServer() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.createContext("/", this::handle);
		server.setExecutor(Executors.newFixedThreadPool(4));
		server.start();
	}

	int port() {
		return server.getAddress().getPort();
	}

	String base() {
		return "http://127.0.0.1:" + port();
	}

	/** The next request to this path gets this answer instead of the default. */
	void override(String path, int status, String body) {
		overrides.computeIfAbsent(path, (k) -> new ConcurrentLinkedDeque<>()).add(new Canned(status, body));
	}

	List<Request> requests() {
		return new ArrayList<>(requests);
	}

	List<Request> requests(String pathPrefix) {
		return requests.stream().filter((r) -> r.path().startsWith(pathPrefix)).toList();
	}

	void reset() {
		requests.clear();
		overrides.clear();
	}

	private void handle(HttpExchange ex) throws IOException {
		String body;
		try (InputStream in = ex.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String path = ex.getRequestURI().getPath();
		requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
				Map.copyOf(ex.getRequestHeaders()), body));
		Canned answer = null;
		Deque<Canned> q = overrides.get(path);
		if (q != null) {
			answer = q.poll();
		}
		if (answer == null) {
			answer = defaultAnswer(path);
		}
		byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().add("Content-Type", "application/json");
		ex.sendResponseHeaders(answer.status(), out.length);
		try (OutputStream os = ex.getResponseBody()) {
			os.write(out);
		}
	}

	private static Canned defaultAnswer(String path) {
		if (path.equals("/v1.0/oauth2/accessToken")) {
			return new Canned(200, "{\"accessToken\":\"tok-" + System.nanoTime() + "\",\"expireIn\":7200}");
		}
		if (path.startsWith("/v1.0/robot/")) {
			return new Canned(200, "{\"processQueryKey\":\"pq-1\"}");
		}
		return new Canned(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
	}

}
