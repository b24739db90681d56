package com.crmbot.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.support.BotTestSupport.Response;

/**
 * A browser-like HTTP client: keeps cookies, signs in through the real sign-in form
 * (trial or password) and sends the CSRF header the chat page sends.
 */
public final class BrowserSession {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String base;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	public BrowserSession(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/** The sign-in page's HTML. */
	public Response loginPage() {
		return send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build());
	}

	/**
	 * Post the sign-in form (an empty password is a trial sign-in); the answer is the
	 * redirect (to {@code /} on success, {@code /login?error} on failure).
	 */
	public Response signIn(String user, String password) {
		Matcher m = CSRF_FIELD.matcher(loginPage().body());
		if (!m.find()) {
			throw new AssertionError("no CSRF field on the sign-in page");
		}
		String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
		return send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	/** The CSRF token the page would echo (from the XSRF-TOKEN cookie). */
	public String csrf() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((c) -> c.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse("");
	}

	public HttpCookie cookie(String name) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((c) -> c.getName().equals(name))
			.findFirst()
			.orElse(null);
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
	}

	/** POST with the CSRF header when {@code withCsrf}. */
	public Response post(String path, String contentType, String body, boolean withCsrf) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (withCsrf) {
			// the cookie is written on the first answer after sign-in
			if (csrf().isEmpty()) {
				get("/api/session");
			}
			b.header("X-XSRF-TOKEN", csrf());
		}
		return send(b.build());
	}

	public Response send(HttpRequest request) {
		try {
			HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(r.statusCode(), r.body(), r.headers());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
