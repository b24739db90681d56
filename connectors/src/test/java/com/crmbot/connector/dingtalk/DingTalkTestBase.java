package com.crmbot.connector.dingtalk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.crmbot.connector.outbox.Outbox;
import com.crmbot.testsupport.DingTalkTestSign;
import com.crmbot.testsupport.MutableClock;
import com.crmbot.testsupport.PlatformMessages;
import com.crmbot.testsupport.PlatformStub;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Shared context for the DingTalk tests: the app on a random port, an in-memory
 * MongoDB-compatible server, and a local stub for every DingTalk host.
 */
@SpringBootTest(classes = DingTalkTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crmbot.outbox.background=false", "crmbot.dingtalk.enabled=true",
				"crmbot.dingtalk.client-id=dingtestkey", "crmbot.dingtalk.client-secret=" + DingTalkTestBase.SECRET,
				"crmbot.dingtalk.robot-code=dingtestrobot", "crmbot.dingtalk.mode=http",
				"crmbot.dingtalk.callback-path=/dingtalk/callback", "crmbot.dingtalk.api-protocol=http",
				"crmbot.dingtalk.max-body-bytes=4096", "crmbot.dingtalk.robots.sales.access-token=tok-sales",
				"crmbot.dingtalk.robots.sales.secret=SECsales0123456789" })
abstract class DingTalkTestBase {

	static final String SECRET = "SEC0123456789abcdef";

	static final MongoServer MONGO = new MongoServer(new MemoryBackend());

	static final PlatformStub STUB = new PlatformStub();

	static {
		MONGO.bind("127.0.0.1", 0);
	}

	@DynamicPropertySource
	static void props(DynamicPropertyRegistry r) {
		r.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + MONGO.getLocalAddress().getPort() + "/crm");
		r.add("crmbot.dingtalk.api-endpoint", () -> "127.0.0.1:" + STUB.port());
		r.add("crmbot.dingtalk.oapi-base-url", STUB::baseUrl);
		r.add("crmbot.dingtalk.robots.ops.webhook", () -> STUB.baseUrl() + "/robot/send?access_token=tok-ops");
		r.add("crmbot.dingtalk.robots.ops.secret", () -> "SECops0123456789");
	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	DingTalkTestApp.FakeHandler handler;

	@Autowired
	Outbox outbox;

	@Autowired
	MongoTemplate mongo;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void resetWorld() {
		clock.set(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		outbox.drain(); // deliver what earlier tests left queued before the stub forgets
		STUB.reset();
		handler.seen.clear();
		handler.events.clear();
		handler.fail = false;
	}

	/**
	 * Independent implementation of DingTalk's sign (plain javax.crypto, not our code).
	 */
	static String sign(long ts, String secret) {
		return DingTalkTestSign.sign(ts, secret);
	}

	HttpResponse<String> post(String body, String contentType, String timestamp, String sign) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dingtalk/callback"))
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (contentType != null) {
			b.header("Content-Type", contentType);
		}
		if (timestamp != null) {
			b.header("timestamp", timestamp);
		}
		if (sign != null) {
			b.header("sign", sign);
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** Post a correctly signed callback (timestamp = the test clock's now). */
	HttpResponse<String> postSigned(String body) throws Exception {
		long ts = clock.millis();
		return post(body, "application/json", Long.toString(ts), sign(ts, SECRET));
	}

	/** A realistic robot callback body. */
	String message(String msgId, String conversationType, String staffId, String content, long webhookExpiresAt) {
		return PlatformMessages.dingtalkText(msgId, conversationType, staffId, content,
				STUB.baseUrl() + "/session/robot?session=abc", "dingtestrobot", clock.millis(), webhookExpiresAt);
	}

	/** Wait (up to 5 s) until the async processing of a callback has run. */
	void awaitProcessed(String msgId) throws InterruptedException {
		long until = System.currentTimeMillis() + 5000;
		while (System.currentTimeMillis() < until) {
			Object status = mongo.getCollection("inbound_ledger")
				.find(new org.bson.Document("_id", "dingtalk:" + msgId))
				.first();
			if (status != null && !"PROCESSING".equals(((org.bson.Document) status).getString("status"))) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("message " + msgId + " was not processed in time");
	}

}
