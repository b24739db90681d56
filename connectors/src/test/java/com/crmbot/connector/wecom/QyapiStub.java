package com.crmbot.connector.wecom;

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
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real local HTTP server standing in for qyapi.weixin.qq.com. Answers gettoken with a
 * fresh token each time, everything else with {"errcode":0} unless a response was
 * scripted for the path; records every request.
 * <p>
 * Built on the JDK's {@code com.sun.net.httpserver} rather than OkHttp's MockWebServer:
 * in the connectors module {@code com.aliyun:tea} (DingTalk SDK) puts okhttp 3.12 on the
 * classpath, whose {@code okhttp3.*} classes shadow okhttp 5's and break MockWebServer
 * 5.5.1 ({@code NoSuchFieldError: Companion}).
 */
final class QyapiStub {

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

	record Response(int status, String body) {
	}

	private final HttpServer server;

	private final Map<String, Deque<Response>> scripted = new ConcurrentHashMap<>();

	private final Map<String, String> defaults = new ConcurrentHashMap<>();

	final List<Call> calls = new CopyOnWriteArrayList<>();

	final AtomicInteger tokens = new AtomicInteger();

	QyapiStub() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.createContext("/", this::handle);
		server.setExecutor(Executors.newFixedThreadPool(4, (r) -> {
			Thread t = new Thread(r, "qyapi-stub");
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
			Response r = respond(path);
			byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
			ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
			ex.sendResponseHeaders(r.status(), out.length);
			try (OutputStream os = ex.getResponseBody()) {
				os.write(out);
			}
		}
	}

	private Response respond(String path) {
		Deque<Response> d = scripted.get(path);
		if (d != null) {
			synchronized (d) {
				if (!d.isEmpty()) {
					return d.pollFirst();
				}
			}
		}
		if (path.endsWith("/cgi-bin/gettoken")) {
			return ok("{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"TOKEN-" + tokens.incrementAndGet()
					+ "\",\"expires_in\":7200}");
		}
		if (path.endsWith("/cgi-bin/media/upload")) {
			return ok(
					"{\"errcode\":0,\"errmsg\":\"ok\",\"type\":\"image\",\"media_id\":\"MEDIA-1\",\"created_at\":\"1380000000\"}");
		}
		String def = defaults.get(path);
		return ok((def != null) ? def : "{\"errcode\":0,\"errmsg\":\"ok\"}");
	}

	static Response ok(String body) {
		return new Response(200, body);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	void script(String path, Response... responses) {
		Deque<Response> d = scripted.computeIfAbsent(path, (k) -> new ArrayDeque<>());
		synchronized (d) {
			d.addAll(List.of(responses));
		}
	}

	void scriptJson(String path, String... bodies) {
		for (String b : bodies) {
			script(path, ok(b));
		}
	}

	void defaultJson(String path, String body) {
		defaults.put(path, body);
	}

	List<Call> calls(String path) {
		return calls.stream().filter((c) -> c.path().equals(path)).toList();
	}

	void reset() {
		calls.clear();
		scripted.clear();
		defaults.clear();
	}

	void shutdown() {
		server.stop(0);
	}

}
