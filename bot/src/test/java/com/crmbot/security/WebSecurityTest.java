package com.crmbot.security;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.local.LocalConnector;
import com.crmbot.customer.Customer;
import com.crmbot.access.AuditEntry;
import com.crmbot.support.BotTestSupport;
import com.crmbot.support.BrowserSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP route against every kind of caller on the default (trial, loopback)
 * configuration: anonymous, trial sign-in on loopback, another user, the right user, a
 * personal API token, a revoked token; CSRF, content types, body limits, headers.
 */
class WebSecurityTest extends BotTestSupport {

	private static final String CSV = "客户名称,联系人,电话\n杭州测试科技有限公司,王五,13912345678\n";

	@Autowired
	private ApiTokens apiTokens;

	@Autowired
	private LocalConnector local;

	private String revoked;

	@Override
	protected void extraCleanup() {
		mongo.remove(new Query(), AuditEntry.COLLECTION);
		mongo.remove(new Query(), "imports");
	}

	@BeforeEach
	void revokedToken() {
		ApiTokens.Issued t = apiTokens.issue("zhangsan", "old");
		apiTokens.revoke("zhangsan", t.token().shortId());
		revoked = t.secret();
	}

	private BrowserSession browser() {
		return new BrowserSession("http://127.0.0.1:" + port);
	}

	private Response bearer(String token, String method, String path, String type, String body) {
		HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
		if (type != null) {
			b.header("Content-Type", type);
		}
		b.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		return exchange(b.build());
	}

	private Response anon(String method, String path, String type, String body) {
		HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
		if (type != null) {
			b.header("Content-Type", type);
		}
		b.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		return exchange(b.build());
	}

	record Route(String method, String path, String type, String body) {
	}

	private static final List<Route> PROTECTED = List.of(new Route("GET", "/", null, null),
			new Route("GET", "/index.html", null, null), new Route("GET", "/chat.js", null, null),
			new Route("GET", "/api/session", null, null), new Route("GET", "/api/local/users", null, null),
			new Route("POST", "/api/local/messages", "application/json",
					"{\"user\":\"zhangsan\",\"text\":\"/whoami\"}"),
			new Route("GET", "/api/local/inbox?user=zhangsan&after=0", null, null),
			new Route("POST", "/api/import?file=a.csv", "application/octet-stream", CSV),
			new Route("GET", "/api/import/x/rejected.csv?user=zhangsan", null, null),
			new Route("GET", "/api/export/customers.csv?user=boss", null, null),
			new Route("POST", "/api/inquiries/extract", "application/json", "{\"text\":\"你好\"}"),
			new Route("GET", "/actuator/info", null, null), new Route("GET", "/actuator/health/mongo", null, null));

	@Test
	void anonymousAndRevokedTokensGetNothingButTheOpenRoutes() {
		for (Route r : PROTECTED) {
			Response a = anon(r.method(), r.path(), r.type(), r.body());
			if (r.path().startsWith("/api/") || r.path().startsWith("/actuator")) {
				assertThat(a.status()).as("anonymous " + r).isEqualTo(401);
			}
			else {
				assertThat(a.status()).as("anonymous " + r).isEqualTo(302);
				assertThat(a.header("Location")).endsWith("/login");
			}
			assertThat(bearer(revoked, r.method(), r.path(), r.type(), r.body()).status()).as("revoked token " + r)
				.isEqualTo(401);
			assertThat(bearer("crm_not-a-token", r.method(), r.path(), r.type(), r.body()).status())
				.as("made-up token " + r)
				.isEqualTo(401);
		}
		assertThat(count(Customer.class)).as("nothing imported").isZero();
		Response health = anon("GET", "/actuator/health", null, null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
		assertThat(anon("GET", "/login", null, null).status()).isEqualTo(200);
		assertThat(mongo.count(new Query(), AuditEntry.class)).as("revoked-token uses audited").isPositive();
	}

	@Test
	void theRightUserByTokenGetsEverythingTheirRoleAllows() {
		String zhang = token("zhangsan");
		for (Route r : PROTECTED) {
			int status = bearer(zhang, r.method(), r.path(), r.type(), r.body()).status();
			int expected = switch (r.path().replaceAll("\\?.*", "")) {
				case "/api/import/x/rejected.csv" -> 404; // no such import
				case "/api/export/customers.csv", "/actuator/info", "/actuator/health/mongo" -> 403; // a
																										// rep
				default -> 200;
			};
			assertThat(status).as("zhangsan's token " + r).isEqualTo(expected);
		}
		String boss = token("boss");
		assertThat(bearer(boss, "GET", "/api/export/customers.csv", null, null).status()).isEqualTo(200);
		assertThat(bearer(token("admin"), "GET", "/actuator/info", null, null).status()).isEqualTo(200);
		assertThat(mongo.count(new Query(), AuditEntry.class)).as("denials audited").isGreaterThanOrEqualTo(3);
	}

	@Test
	void theCallerIsWhoeverSignedInNeverTheUserNamedInTheRequest() {
		String lisi = token("lisi");
		Response r = bearer(lisi, "POST", "/api/local/messages", "application/json",
				"{\"user\":\"zhangsan\",\"text\":\"/whoami\"}");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.body()).contains("李四").doesNotContain("张三");

		local.send(Recipient.user(Platform.LOCAL, "zhangsan"), Reply.text("只给张三的提醒"), "k-secret");
		assertThat(bearer(lisi, "GET", "/api/local/inbox?user=zhangsan&after=0", null, null).body())
			.doesNotContain("只给张三的提醒");
		assertThat(bearer(token("zhangsan"), "GET", "/api/local/inbox?after=0", null, null).body()).contains("只给张三的提醒");

		// lisi may not download zhangsan's rejected rows nor export as the boss
		Response up = bearer(token("zhangsan"), "POST", "/api/import?file=a.csv", "application/octet-stream",
				CSV + "坏行,,\n");
		String id = up.json().get("importId").asString();
		assertThat(bearer(token("zhangsan"), "GET", "/api/import/" + id + "/rejected.csv", null, null).status())
			.isEqualTo(200);
		assertThat(bearer(lisi, "GET", "/api/import/" + id + "/rejected.csv?user=zhangsan", null, null).status())
			.isEqualTo(404);
		assertThat(bearer(lisi, "GET", "/api/export/customers.csv?user=boss", null, null).status()).isEqualTo(403);
	}

	@Test
	void trialSignInOnLoopbackThenChatWithTheCsrfToken() {
		BrowserSession b = browser();
		assertThat(b.loginPage().body()).contains("id=\"trial\"").contains("zhangsan");
		Response in = b.signIn("zhangsan", "");
		assertThat(in.status()).isEqualTo(302);
		assertThat(in.header("Location")).endsWith("/");
		assertThat(String.join("\n", in.headers().allValues("Set-Cookie"))).contains("JSESSIONID")
			.contains("HttpOnly")
			.contains("SameSite=Lax");
		assertThat(b.get("/api/session").json().get("user").asString()).isEqualTo("zhangsan");
		assertThat(b.get("/api/session").json().get("trial").asBoolean()).isTrue();
		assertThat(b.get("/").status()).isEqualTo(200);

		String msg = "{\"text\":\"/whoami\"}";
		assertThat(b.post("/api/local/messages", "application/json", msg, false).status()).as("no CSRF token")
			.isEqualTo(403);
		Response ok = b.post("/api/local/messages", "application/json", msg, true);
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.body()).contains("张三");

		// a page elsewhere posting text/plain with the victim's cookie: refused, nothing
		// imported
		Response crossSite = b.send(HttpRequest.newBuilder(uri("/api/import?file=x.csv"))
			.header("Content-Type", "text/plain")
			.header("Origin", "http://evil.example")
			.POST(HttpRequest.BodyPublishers.ofString(CSV))
			.build());
		assertThat(crossSite.status()).isEqualTo(403);
		assertThat(b.post("/api/import?file=x.csv", "text/plain", CSV, true).status()).as("text/plain never")
			.isEqualTo(415);
		assertThat(count(Customer.class)).isZero();
		assertThat(b.post("/api/import?file=x.csv&confirm=true", "application/octet-stream", CSV, true).status())
			.isEqualTo(200);
		assertThat(count(Customer.class)).isEqualTo(1);

		assertThat(b.post("/logout", "application/x-www-form-urlencoded", "", true).status()).isEqualTo(302);
		assertThat(b.get("/api/session").status()).isEqualTo(401);
	}

	@Test
	void trialRefusesUnknownUsersAndProxiedRequests() {
		BrowserSession b = browser();
		Response in = b.signIn("nobody", "");
		assertThat(in.header("Location")).endsWith("/login?error");
		Response proxied = exchange(
				HttpRequest.newBuilder(uri("/login")).header("X-Forwarded-For", "203.0.113.9").GET().build());
		assertThat(proxied.body()).doesNotContain("id=\"trial\"");
	}

	@Test
	void passwordSignInWithTheHashFromTheStore() {
		accounts.setPassword("lisi", "correct horse battery");
		assertThat(mongo.getCollection("local_accounts").find().first().getString("hash")).startsWith("$2");
		BrowserSession b = browser();
		assertThat(b.signIn("lisi", "wrong password!").header("Location")).endsWith("/login?error");
		assertThat(mongo.count(new Query(), AuditEntry.class)).as("failed sign-in audited").isEqualTo(1);
		assertThat(b.signIn("lisi", "correct horse battery").header("Location")).endsWith("/");
		assertThat(b.get("/api/session").json().get("user").asString()).isEqualTo("lisi");
	}

	@Autowired
	private LocalAccounts accounts;

	@Test
	void tokensAreIssuedListedAndRevokedInChat() {
		String reply = sayText("zhangsan", "/token new 报表脚本");
		String secret = reply.lines().filter((l) -> l.startsWith("crm_")).findFirst().orElseThrow();
		assertThat(mongo.getCollection("api_tokens").find().into(new java.util.ArrayList<>()).toString())
			.as("only the hash is stored")
			.doesNotContain(secret);
		assertThat(bearer(secret, "GET", "/api/session", null, null).json().get("user").asString())
			.isEqualTo("zhangsan");
		String id = apiTokens.list("zhangsan")
			.stream()
			.filter((t) -> t.label().equals("报表脚本"))
			.findFirst()
			.orElseThrow()
			.shortId();
		assertThat(sayText("zhangsan", "/令牌 list")).contains(id).contains("报表脚本").contains("有效");
		assertThat(sayText("lisi", "/token revoke " + id)).contains("没有编号");
		assertThat(sayText("zhangsan", "/token revoke " + id)).contains("已撤销");
		assertThat(bearer(secret, "GET", "/api/session", null, null).status()).isEqualTo(401);
	}

	@Test
	void adminsSetPasswordsInChatAndFromTheCommandLine() {
		assertThat(sayText("zhangsan", "/password lisi")).contains("无权");
		String reply = sayText("admin", "/密码 lisi");
		String pw = reply.lines().reduce((a, b) -> b).orElseThrow().strip();
		assertThat(browser().signIn("lisi", pw).header("Location")).endsWith("/");
		assertThat(sayText("admin", "/password nobody")).contains("no user nobody");

		org.springframework.mock.env.MockEnvironment env = new org.springframework.mock.env.MockEnvironment()
			.withProperty("crmbot.set-password", "qian");
		SetPasswordRunner cli = new SetPasswordRunner(accounts, users, null, env);
		assertThat(cli.setFrom("short")).isEqualTo(3);
		assertThat(cli.setFrom("a long enough password")).isZero();
		assertThat(browser().signIn("qian", "a long enough password").header("Location")).endsWith("/");
	}

	@Autowired
	private CrmUsers users;

	@Test
	void headersOnEveryPage() {
		Response page = browser().loginPage();
		String csp = page.header("Content-Security-Policy");
		assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'self' https://*.work.weixin.qq.com");
		assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
	}

	@Test
	void aThirtyTwoMegabyteJsonPostIsRefusedUnread() throws Exception {
		try (Socket s = new Socket("127.0.0.1", port)) {
			s.setSoTimeout(10_000);
			OutputStream out = s.getOutputStream();
			out.write(("POST /api/local/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
					+ token("zhangsan") + "\r\nContent-Type: application/json\r\nContent-Length: " + (32 * 1024 * 1024)
					+ "\r\n\r\n{\"text\":\"")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// the answer comes before the body is sent
			InputStream in = s.getInputStream();
			String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(head).isEqualTo("HTTP/1.1 413");
		}
		// without a Content-Length (chunked), the body is cut off at the limit
		Response chunked = sendAs("zhangsan",
				HttpRequest.newBuilder(uri("/api/local/messages"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
							("{\"text\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8))))
					.build());
		assertThat(chunked.status()).isEqualTo(413);
	}

	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void malformedRequestsGetAClear4xx(org.springframework.boot.test.system.CapturedOutput log) {
		String t = token("zhangsan");
		String badEncoding = raw("GET /api/local/inbox?after=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
				+ t + "\r\nConnection: close\r\n\r\n");
		assertThat(badEncoding).startsWith("HTTP/1.1 400").contains("malformed %-encoding");
		Response brokenMultipart = bearer(t, "POST", "/api/import?file=a.csv", "multipart/form-data; boundary=XyZ",
				"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc");
		assertThat(brokenMultipart.status()).isEqualTo(400);
		assertThat(brokenMultipart.body()).contains("error");
		// a script with a token may send the file as curl --data-binary labels it (a
		// form):
		// no browser page can add the token, so it is read as the file, not refused
		Response form = bearer(t, "POST", "/api/import?file=a.csv", "application/x-www-form-urlencoded", "a=b");
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.body()).doesNotContain("将新建");
		assertThat(count(Customer.class)).isZero();
		// a JSON endpoint sent another content type
		Response xml = bearer(t, "POST", "/api/local/messages", "application/xml", "<text>hi</text>");
		assertThat(xml.status()).isBetween(400, 499);
		// none of it is an error of the server: no ERROR line, no stack trace
		assertThat(log.getAll()).doesNotContain(" ERROR ").doesNotContainPattern("\\n\\s+at [a-z]+\\.");
	}

	private String raw(String request) {
		try (Socket s = new Socket("127.0.0.1", port)) {
			s.setSoTimeout(10_000);
			s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
