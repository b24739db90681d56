package com.crmbot.testsupport;

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
 * One real local HTTP server standing in for every remote host the connectors talk to:
 * qyapi.weixin.qq.com (WeCom), api.dingtalk.com / oapi.dingtalk.com, DingTalk session
 * webhooks and group-robot webhooks. Their paths do not overlap ({@code /cgi-bin/...},
 * {@code /v1.0/...}, {@code /robot/...}, {@code /session/...}). Records every request;
 * answers scripted responses first, then per-path defaults, then sensible built-in
 * answers (a fresh token for {@code gettoken} and {@code oauth2/accessToken}, a media id
 * for uploads, {@code errcode 0} otherwise).
 * <p>
 * Built on the JDK's {@code com.sun.net.httpserver} rather than OkHttp's MockWebServer:
 * {@code com.aliyun:tea} (DingTalk SDK) puts okhttp 3.12 on the classpath, whose
 * {@code okhttp3.*} classes shadow okhttp 5's and break MockWebServer 5
 * ({@code NoSuchFieldError: Companion}).
 */
public final class PlatformStub implements AutoCloseable {

	/** One recorded request. */
	public record Call(String method, String path, String query, Map<String, List<String>> headers, String body) {

		/** A query parameter (raw, not decoded), or null. */
		public String param(String name) {
			for (String p : (query != null) ? query.split("&") : new String[0]) {
				if (p.startsWith(name + "=")) {
					return p.substring(name.length() + 1);
				}
			}
			return null;
		}

		/** A request header (case-insensitive), or null. */
		public String header(String name) {
			for (Map.Entry<String, List<String>> e : headers.entrySet()) {
				if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
					return e.getValue().get(0);
				}
			}
			return null;
		}

	}

	/** A scripted answer. */
	public record Response(int status, String body) {

		public static Response ok(String body) {
			return new Response(200, body);
		}

	}

	private final HttpServer server;

	private final Map<String, Deque<Response>> scripted = new ConcurrentHashMap<>();

	private final Map<String, String> defaults = new ConcurrentHashMap<>();

	private final Map<String, byte[]> files = new ConcurrentHashMap<>();

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	/** Sign-in pages that simulate a scan: path → {code parameter name, code}. */
	private final Map<String, String[]> scans = new ConcurrentHashMap<>();

	/** How many WeCom access tokens were handed out: they read TOKEN-1, TOKEN-2, ... */
	private final AtomicInteger tokens = new AtomicInteger();

	public PlatformStub() {
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
			Call call = new Call(ex.getRequestMethod(), path, query, Map.copyOf(ex.getRequestHeaders()), body);
			calls.add(call);
			String[] scan = scans.get(path);
			if (scan != null) {
				ex.getResponseHeaders().set("Location", scanned(call, scan[0], scan[1]));
				ex.sendResponseHeaders(302, -1);
				return;
			}
			byte[] file = files.get(path);
			Response r = (file != null) ? null : respond(path);
			byte[] out = (file != null) ? file : r.body().getBytes(StandardCharsets.UTF_8);
			ex.getResponseHeaders()
				.set("Content-Type", (file != null) ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
			ex.sendResponseHeaders((r != null) ? r.status() : 200, out.length);
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
		String def = defaults.get(path);
		if (def != null) {
			return Response.ok(def);
		}
		if (path.endsWith("/cgi-bin/gettoken")) {
			return Response.ok("{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"TOKEN-" + tokens.incrementAndGet()
					+ "\",\"expires_in\":7200}");
		}
		if (path.endsWith("/cgi-bin/media/upload")) {
			return Response
				.ok("{\"errcode\":0,\"errmsg\":\"ok\",\"type\":\"image\",\"media_id\":\"MEDIA-1\",\"created_at\":\"1380000000\"}");
		}
		if (path.equals("/v1.0/oauth2/accessToken")) {
			return Response.ok("{\"accessToken\":\"tok-" + System.nanoTime() + "\",\"expireIn\":7200}");
		}
		if (path.startsWith("/v1.0/robot/")) {
			return Response.ok("{\"processQueryKey\":\"pq-1\"}");
		}
		return Response.ok("{\"errcode\":0,\"errmsg\":\"ok\"}");
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	public int port() {
		return server.getAddress().getPort();
	}

	/** The next requests to this path get these answers, in order, then the default. */
	public void script(String path, Response... responses) {
		Deque<Response> d = scripted.computeIfAbsent(path, (k) -> new ArrayDeque<>());
		synchronized (d) {
			d.addAll(List.of(responses));
		}
	}

	/** The next request to this path gets this status and body. */
	public void script(String path, int status, String body) {
		script(path, new Response(status, body));
	}

	/** The next requests to this path get these JSON bodies (HTTP 200), in order. */
	public void scriptJson(String path, String... bodies) {
		for (String b : bodies) {
			script(path, Response.ok(b));
		}
	}

	/** Every request to this path gets this body (unless scripted). */
	public void defaultJson(String path, String body) {
		defaults.put(path, body);
	}

	/**
	 * This path acts as a platform's QR sign-in page on which the user has just scanned
	 * and confirmed: every request is sent back (302) to its {@code redirect_uri} with
	 * {@code codeParam=code} and the request's own {@code state}, as WeCom's web login
	 * ({@code code}) and DingTalk's OAuth2 page ({@code authCode}) do.
	 */
	public void scanSignIn(String path, String codeParam, String code) {
		scans.put(path, new String[] { codeParam, code });
	}

	private static String scanned(Call call, String codeParam, String code) {
		String back = java.net.URLDecoder.decode(String.valueOf(call.param("redirect_uri")), StandardCharsets.UTF_8);
		String state = call.param("state");
		return back + (back.contains("?") ? "&" : "?") + codeParam + "="
				+ java.net.URLEncoder.encode(code, StandardCharsets.UTF_8) + "&state=" + ((state != null) ? state : "");
	}

	/** Every request to this path gets this file (a CSV). */
	public void file(String path, byte[] content) {
		files.put(path, content);
	}

	/** Every request so far, in order. */
	public List<Call> calls() {
		return List.copyOf(calls);
	}

	public List<Call> calls(String path) {
		return calls.stream().filter((c) -> c.path().equals(path)).toList();
	}

	public List<Call> callsUnder(String prefix) {
		return calls.stream().filter((c) -> c.path().startsWith(prefix)).toList();
	}

	/**
	 * Forgets the recorded calls, the scripts, the defaults, the files and the sign-in
	 * pages.
	 */
	public void reset() {
		files.clear();
		scans.clear();
		calls.clear();
		scripted.clear();
		defaults.clear();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
