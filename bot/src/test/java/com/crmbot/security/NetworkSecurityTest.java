package com.crmbot.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.List;

import com.crmbot.support.BotTestSupport;
import com.crmbot.support.BrowserSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server listening beyond loopback (0.0.0.0), reached through this machine's own
 * non-loopback address: trial mode is off, so a caller without credentials gets nothing
 * but the sign-in page and the bare probe; tokens still work. Also the per-user rate
 * limits, set low here.
 */
@TestPropertySource(properties = { "server.address=0.0.0.0", "crmbot.security.chat-per-minute=3",
		"crmbot.security.export-per-minute=2" })
class NetworkSecurityTest extends BotTestSupport {

	@Autowired
	private TrialMode trial;

	@Autowired
	private SessionCookie sessionCookie;

	private static String networkAddress() throws Exception {
		for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!nif.isUp() || nif.isLoopback()) {
				continue;
			}
			for (InetAddress a : Collections.list(nif.getInetAddresses())) {
				if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
					return a.getHostAddress();
				}
			}
		}
		return null;
	}

	@Test
	void fromTheNetworkWithoutCredentialsOnlyTheOpenRoutesAnswer() throws Exception {
		assertThat(trial.enabled()).as("trial off beyond loopback").isFalse();
		assertThat(sessionCookie.secure()).as("Secure session cookie beyond loopback").isTrue();
		String ip = networkAddress();
		Assumptions.assumeTrue(ip != null, "this machine has no non-loopback address");
		String base = "http://" + ip + ":" + port;
		BrowserSession b = new BrowserSession(base);
		assertThat(b.loginPage().status()).isEqualTo(200);
		assertThat(b.loginPage().body()).doesNotContain("id=\"trial\"").contains("password");
		assertThat(b.signIn("admin", "").header("Location")).as("no password-less sign-in from the network")
			.endsWith("/login?error");
		for (String path : List.of("/api/session", "/api/local/users", "/api/local/inbox?user=admin",
				"/api/export/customers.csv?user=boss", "/actuator/info")) {
			assertThat(b.get(path).status()).as(path).isEqualTo(401);
		}
		assertThat(b.get("/").status()).isEqualTo(302);
		assertThat(b
			.post("/api/local/messages", "application/json", "{\"user\":\"admin\",\"text\":\"/config reload\"}", false)
			.status()).isIn(401, 403);
		Response health = exchange(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).GET().build());
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).doesNotContain("components");
		// with a token, from the network too
		Response ok = exchange(HttpRequest.newBuilder(URI.create(base + "/api/session"))
			.header("Authorization", "Bearer " + token("zhangsan"))
			.GET()
			.build());
		assertThat(ok.status()).isEqualTo(200);
		// and not through loopback either: the configuration decides
		assertThat(new BrowserSession("http://127.0.0.1:" + port).signIn("admin", "").header("Location"))
			.endsWith("/login?error");
	}

	@Test
	void chatAndExportAreRateLimitedPerUser() {
		for (int i = 0; i < 3; i++) {
			assertThat(postAs("sunli", "/api/local/messages", map("text", "/whoami")).status()).isEqualTo(200);
		}
		Response over = postAs("sunli", "/api/local/messages", map("text", "/whoami"));
		assertThat(over.status()).isEqualTo(429);
		assertThat(over.header("Retry-After")).isNotNull();
		assertThat(over.json().get("error").asString()).contains("操作太频繁");
		assertThat(postAs("qian", "/api/local/messages", map("text", "/whoami")).status()).as("per user")
			.isEqualTo(200);
		assertThat(getAs("boss", "/api/export/customers.csv").status()).isEqualTo(200);
		assertThat(getAs("boss", "/api/export/customers.csv").status()).isEqualTo(200);
		assertThat(getAs("boss", "/api/export/customers.csv").status()).isEqualTo(429);
	}

}
