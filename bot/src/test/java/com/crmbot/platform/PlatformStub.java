package com.crmbot.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One real local HTTP server standing in for every remote host the connectors talk to:
 * qyapi.weixin.qq.com (WeCom), api.dingtalk.com / oapi.dingtalk.com and DingTalk session
 * webhooks. Their paths do not overlap ({@code /cgi-bin/...}, {@code /v1.0/...},
 * {@code /robot/...}, {@code /session/...}). Records every request; answers scripted
 * responses first, then sensible defaults. Adapted from the connectors module's QyapiStub
 * and StubServer (the JDK server, because okhttp MockWebServer does not work next to the
 * DingTalk SDK's okhttp 3).
 */
final class PlatformStub {

	record Call(String method, String path, String query, String body) {

		String param(String name) {
			for (String p : (query != null) ? query.split("&") : new String[0]) {
				if (p.startsWith(name + "=")) {
					return p.substring(name.length() + 1);
				}
			}
			return null;
		}

	}

	private final HttpServer server;

	private final Map<String, Deque<String>> scripted = new ConcurrentHashMap<>();

	private final Map<String, String> defaults = new ConcurrentHashMap<>();

	private final Map<String, byte[]> files = new ConcurrentHashMap<>();

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	PlatformStub() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.createContext("/", this::handle);
		server.setExecutor(Executors.newFixedThreadPool(4, (r) -> {
			Thread t = new Thread(r, "platform-stub");
			t.setDaemon(true);
			return t;
		}));
		server.start();
	}

	private void handle(HttpExchange ex) throws IOException {
		try (ex) {
			String path = ex.getRequestURI().getRawPath();
			String query = ex.getRequestURI().getRawQuery();
			String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			calls.add(new Call(ex.getRequestMethod(), path, query, body));
			byte[] file = files.get(path);
			byte[] out = (file != null) ? file : respond(path).getBytes(StandardCharsets.UTF_8);
			ex.getResponseHeaders()
				.set("Content-Type", (file != null) ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
			ex.sendResponseHeaders(200, out.length);
			try (OutputStream os = ex.getResponseBody()) {
				os.write(out);
			}
		}
	}

	private String respond(String path) {
		Deque<String> d = scripted.get(path);
		if (d != null) {
			synchronized (d) {
				if (!d.isEmpty()) {
					return d.pollFirst();
				}
			}
		}
		String def = defaults.get(path);
		if (def != null) {
			return def;
		}
		if (path.endsWith("/cgi-bin/gettoken")) {
			return "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"TOKEN-" + System.nanoTime()
					+ "\",\"expires_in\":7200}";
		}
		if (path.equals("/v1.0/oauth2/accessToken")) {
			return "{\"accessToken\":\"tok-" + System.nanoTime() + "\",\"expireIn\":7200}";
		}
		if (path.startsWith("/v1.0/robot/")) {
			return "{\"processQueryKey\":\"pq-1\"}";
		}
		return "{\"errcode\":0,\"errmsg\":\"ok\"}";
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	int port() {
		return server.getAddress().getPort();
	}

	/** The next requests to this path get these bodies, in order, then the default. */
	void script(String path, String... bodies) {
		Deque<String> d = scripted.computeIfAbsent(path, (k) -> new ArrayDeque<>());
		synchronized (d) {
			d.addAll(List.of(bodies));
		}
	}

	/** Every request to this path gets this body (unless scripted). */
	void defaultJson(String path, String body) {
		defaults.put(path, body);
	}

	List<Call> calls(String path) {
		return calls.stream().filter((c) -> c.path().equals(path)).toList();
	}

	List<Call> callsUnder(String prefix) {
		return calls.stream().filter((c) -> c.path().startsWith(prefix)).toList();
	}

	/** Every request to this path gets this file (a CSV). */
	void file(String path, byte[] content) {
		files.put(path, content);
	}

	void reset() {
		files.clear();
		calls.clear();
		scripted.clear();
		defaults.clear();
	}

}
