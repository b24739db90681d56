package com.crmbot.security;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.crmbot.access.AuditEntry;
import com.crmbot.support.BotTestSupport;
import com.crmbot.support.BrowserSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP route the application serves — read from Spring MVC's request mappings
 * (controllers, actuator endpoints) and the static files, so a route someone adds later
 * is covered without editing this test — against every kind of caller: anonymous, trial
 * sign-in on loopback, trial attempted from the network (through a proxy), another user,
 * the right user (an admin), a personal API token, a revoked token.
 */
class RouteMatrixTest extends BotTestSupport {

	/**
	 * Open by design: callbacks (signed), sign-in pages, the bare probe, the error page.
	 */
	private static final List<String> OPEN = List.of("/wecom/callback", "/wecom/callback/**", "/dingtalk/callback",
			"/login", "/signin/**", "/signin.css", "/signin-dingtalk.js", "/favicon.ico", "/actuator/health",
			"/actuator/health/liveness", "/actuator/health/readiness", "/error");

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ApiTokens apiTokens;

	@Override
	protected void extraCleanup() {
		mongo.remove(new Query(), AuditEntry.COLLECTION);
	}

	record Route(String method, String path) {
	}

	/** The routes: every mapping of every handler mapping, plus the static files. */
	private List<Route> routes() throws Exception {
		Set<Route> out = new LinkedHashSet<>();
		for (RequestMappingInfoHandlerMapping hm : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			for (RequestMappingInfo info : hm.getHandlerMethods().keySet()) {
				Set<String> patterns = info.getPatternValues();
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				for (String p : patterns) {
					String path = concrete(p);
					if (methods.isEmpty()) {
						out.add(new Route("GET", path));
						out.add(new Route("POST", path));
					}
					else {
						methods.forEach((m) -> out.add(new Route(m.name(), path)));
					}
				}
			}
		}
		out.add(new Route("GET", "/"));
		for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath:static/*")) {
			out.add(new Route("GET", "/" + r.getFilename()));
		}
		return new ArrayList<>(out);
	}

	private static String concrete(String pattern) {
		return pattern.replaceAll("\\{\\*[^}]+}", "x").replaceAll("\\{[^}]+}", "x1").replace("/**", "/x");
	}

	private static boolean open(Route r) {
		if (SecurityConfig.SELF_AUTHENTICATED.length > 0) {
			for (String p : SecurityConfig.SELF_AUTHENTICATED) {
				if (matches(p, r.path())) {
					return true;
				}
			}
		}
		return OPEN.stream().anyMatch((p) -> matches(p, r.path()));
	}

	private static boolean matches(String pattern, String path) {
		PathPattern pp = PathPatternParser.defaultInstance.parse(pattern);
		return pp.matches(PathContainer.parsePath(path));
	}

	private HttpRequest.Builder request(Route r) {
		HttpRequest.Builder b = HttpRequest.newBuilder(uri(r.path()));
		if (r.method().equals("GET") || r.method().equals("HEAD") || r.method().equals("OPTIONS")) {
			return b.method(r.method(), HttpRequest.BodyPublishers.noBody());
		}
		return b.header("Content-Type", "application/json")
			.method(r.method(), HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8));
	}

	private Response bearer(String token, Route r) {
		return exchange(request(r).header("Authorization", "Bearer " + token).build());
	}

	private static void assertRefused(String who, Route r, Response resp) {
		assertThat(resp.status()).as(who + " " + r).isIn(401, 302, 403);
		if (resp.status() == 302) {
			assertThat(resp.header("Location")).as(who + " " + r).endsWith("/login");
		}
		assertThat(resp.body()).as(who + " " + r).doesNotContain("上海", "+86");
	}

	private static void assertServed(String who, Route r, Response resp) {
		assertThat(resp.status()).as(who + " " + r).isNotIn(401, 302).isLessThan(500);
	}

	@Test
	void everyRouteAgainstEveryCaller() throws Exception {
		say("lisi", "/new 上海李四科技有限公司 13900001111");
		List<Route> routes = routes();
		assertThat(routes).as("routes read from the mappings")
			.contains(new Route("POST", "/api/local/messages"), new Route("GET", "/api/export/x1"),
					new Route("GET", "/actuator/info"), new Route("GET", "/api/session"));
		String admin = token("admin");
		String other = token("lisi");
		String mine = token("zhangsan");
		ApiTokens.Issued old = apiTokens.issue("admin", "old");
		apiTokens.revoke("admin", old.token().shortId());

		BrowserSession trial = new BrowserSession("http://127.0.0.1:" + port);
		assertThat(trial.signIn("zhangsan", "").header("Location")).endsWith("/");
		trial.get("/api/session"); // the CSRF cookie
		// trial attempted through a proxy: a network client as far as crm-bot is
		// concerned
		CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
		HttpClient network = HttpClient.newBuilder()
			.cookieHandler(jar)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		Response proxied = send(network,
				HttpRequest.newBuilder(uri("/login")).header("X-Forwarded-For", "203.0.113.7").GET().build());
		assertThat(proxied.body()).doesNotContain("id=\"trial\"");

		List<Route> checked = new ArrayList<>();
		for (Route r : routes) {
			Response anonymous = exchange(request(r).build());
			if (open(r)) {
				assertThat(anonymous.status()).as("open route, anonymous " + r).isLessThan(500);
				continue;
			}
			checked.add(r);
			assertRefused("anonymous", r, anonymous);
			assertRefused("trial from the network", r,
					send(network, request(r).header("X-Forwarded-For", "203.0.113.7").build()));
			assertThat(bearer(old.secret(), r).status()).as("revoked token " + r).isEqualTo(401);
			assertThat(bearer("crm_made-up", r).status()).as("made-up token " + r).isEqualTo(401);

			Response right = bearer(admin, r);
			assertServed("the right user (admin) ", r, right);
			assertThat(right.status()).as("admin " + r).isNotEqualTo(403);
			Response byOther = bearer(other, r);
			assertThat(byOther.status()).as("another user " + r).isNotIn(401, 302).isLessThan(500);
			if (r.path().startsWith("/actuator")) {
				assertThat(byOther.status()).as("a rep on actuator " + r).isEqualTo(403);
			}
			assertServed("token", r, bearer(mine, r));
			Response viaTrial = r.method().equals("GET") ? trial.get(r.path())
					: trial.post(r.path(), "application/json", "{}", true);
			assertServed("trial on loopback", r, viaTrial);
		}
		assertThat(checked).as("protected routes checked").hasSizeGreaterThan(10);
		assertThat(mongo.count(new Query(), AuditEntry.class)).as("refusals audited").isPositive();
	}

	private static Response send(HttpClient client, HttpRequest request) {
		try {
			HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(r.statusCode(), r.body(), r.headers());
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

}
