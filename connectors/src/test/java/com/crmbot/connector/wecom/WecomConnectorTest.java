package com.crmbot.connector.wecom;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.SendResult;
import com.crmbot.connector.outbox.Outbox;
import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.connector.outbox.OutboxProperties;
import com.crmbot.testsupport.MutableClock;
import com.crmbot.testsupport.PlatformStub;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound: the real WxJava client over real HTTP against a local qyapi stand-in, driven
 * through the durable outbox over the in-process store.
 */
class WecomConnectorTest {

	static MongoClient client;

	PlatformStub stub;

	MutableClock clock;

	MongoTemplate mongo;

	WecomProperties props;

	@BeforeAll
	static void store() {
		client = MongoClients.create(TestEnv.MONGO_URI);
	}

	@AfterAll
	static void closeStore() {
		client.close();
	}

	@BeforeEach
	void setUp() {
		stub = new PlatformStub();
		clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
		mongo = new MongoTemplate(client, "wecom_out_" + System.nanoTime());
		props = new WecomProperties(true, "wwcorp", 1000002, "secret-xyz-123", "tok",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "/wecom/callback", stub.baseUrl(), List.of(),
				Map.of("ops", "ops-key"), Duration.ofMillis(1500), 65536, 30, 20, 10, 2, "hi", Duration.ofSeconds(30),
				Duration.ofSeconds(5), 6);
	}

	@AfterEach
	void tearDown() {
		stub.close();
	}

	WecomConnector connector() {
		return new WecomConnector(props, WecomConfiguration.newWxCpService(props), clock);
	}

	Outbox outbox(WecomConnector c) {
		OutboxProperties op = new OutboxProperties(1, Duration.ofMillis(100), Duration.ofSeconds(60), 5,
				Duration.ofSeconds(2), Duration.ofMinutes(10), false);
		return new Outbox(mongo, clock, op, List.of(c));
	}

	static Recipient user(String id) {
		return Recipient.user(Platform.WECOM, id);
	}

	@Test
	void tokenExpiredMidFlightIsRefreshedOnceAndTheMessageSent() {
		WecomConnector c = connector();
		assertThat(c.send(user("zhangsan"), Reply.text("第一条"), "k0").status()).isEqualTo(SendResult.Status.SENT);
		stub.scriptJson("/cgi-bin/message/send", "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}");
		SendResult r = c.send(user("zhangsan"), Reply.text("token 过期后"), "k1");
		assertThat(r.status()).isEqualTo(SendResult.Status.SENT);
		assertThat(stub.calls("/cgi-bin/gettoken")).hasSize(2);
		List<PlatformStub.Call> sends = stub.calls("/cgi-bin/message/send");
		assertThat(sends).hasSize(3);
		assertThat(sends.get(1).param("access_token")).isEqualTo("TOKEN-1");
		assertThat(sends.get(2).param("access_token")).isEqualTo("TOKEN-2");
		assertThat(sends.get(2).body()).contains("token 过期后").contains("\"enable_duplicate_check\":1");
		assertThat(stub.calls("/cgi-bin/gettoken").get(0).param("corpsecret")).isEqualTo("secret-xyz-123");
	}

	@Test
	void tokenStillRejectedAfterTheRefreshIsRetriedLater() {
		WecomConnector c = connector();
		stub.scriptJson("/cgi-bin/message/send", "{\"errcode\":42001,\"errmsg\":\"expired\"}",
				"{\"errcode\":42001,\"errmsg\":\"expired\"}");
		SendResult r = c.send(user("zhangsan"), Reply.text("x"), "k2");
		assertThat(r.status()).isEqualTo(SendResult.Status.RETRY);
		assertThat(r.reason()).contains("42001");
		assertThat(c.send(user("zhangsan"), Reply.text("x"), "k2").status()).isEqualTo(SendResult.Status.SENT);
		assertThat(stub.calls("/cgi-bin/gettoken")).hasSize(3);
	}

	@Test
	void serverErrorThenSuccessIsRetriedByTheOutbox() {
		WecomConnector c = connector();
		Outbox outbox = outbox(c);
		stub.script("/cgi-bin/message/send", new PlatformStub.Response(502, "<html>bad gateway</html>"));
		outbox.enqueue("m-5xx", user("lisi"), Reply.text("5xx 之后"));
		assertThat(outbox.drain()).isEqualTo(1);
		OutboxEntry e = outbox.find("m-5xx").orElseThrow();
		assertThat(e.status()).isEqualTo(OutboxEntry.Status.PENDING);
		assertThat(e.attempts()).isEqualTo(1);
		assertThat(e.nextAttemptAt()).isAfter(clock.instant());
		assertThat(outbox.drain()).isZero(); // not due yet
		clock.advance(Duration.ofSeconds(3));
		assertThat(outbox.drain()).isEqualTo(1);
		assertThat(outbox.find("m-5xx").orElseThrow().status()).isEqualTo(OutboxEntry.Status.SENT);
		assertThat(stub.calls("/cgi-bin/message/send")).hasSize(2);
	}

	@Test
	void busyMinusOneIsRetried() {
		WecomConnector c = connector();
		stub.scriptJson("/cgi-bin/message/send", "{\"errcode\":-1,\"errmsg\":\"system busy\"}",
				"{\"errcode\":-1,\"errmsg\":\"system busy\"}");
		assertThat(c.send(user("lisi"), Reply.text("x"), "k-busy").status()).isEqualTo(SendResult.Status.RETRY);
		assertThat(stub.calls("/cgi-bin/message/send")).hasSize(2);
		assertThat(c.send(user("lisi"), Reply.text("x"), "k-busy").status()).isEqualTo(SendResult.Status.SENT);
	}

	@Test
	void apiRateLimit45009BacksOffWithoutCountingAsAFailure() {
		WecomConnector c = connector();
		Outbox outbox = outbox(c);
		stub.scriptJson("/cgi-bin/message/send", "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
		SendResult direct = c.send(user("wangwu"), Reply.text("x"), "k-45009");
		assertThat(direct.status()).isEqualTo(SendResult.Status.DEFERRED);
		assertThat(direct.retryAfter()).isEqualTo(Duration.ofSeconds(60));

		stub.scriptJson("/cgi-bin/message/send", "{\"errcode\":45033,\"errmsg\":\"api concurrent out of limit\"}");
		outbox.enqueue("m-45033", user("wangwu"), Reply.text("并发限制"));
		outbox.drain();
		OutboxEntry e = outbox.find("m-45033").orElseThrow();
		assertThat(e.status()).isEqualTo(OutboxEntry.Status.PENDING);
		assertThat(e.attempts()).isZero();
		assertThat(e.nextAttemptAt()).isEqualTo(clock.instant().plus(WecomConnector.CONCURRENCY_BACKOFF));
		clock.advance(Duration.ofSeconds(6));
		outbox.drain();
		assertThat(outbox.find("m-45033").orElseThrow().status()).isEqualTo(OutboxEntry.Status.SENT);
	}

	@Test
	void noValidRecipientFailsWithTheReasonVisibleToAdmins() {
		Outbox outbox = outbox(connector());
		stub.scriptJson("/cgi-bin/message/send", "{\"errcode\":81013,\"errmsg\":\"user & party & tag all invalid\"}");
		outbox.enqueue("m-81013", user("nobody"), Reply.text("x"));
		outbox.drain();
		assertThat(outbox.failures(10)).singleElement().satisfies((e) -> {
			assertThat(e.id()).isEqualTo("m-81013");
			assertThat(e.lastError()).contains("81013");
		});
	}

	@Test
	void perMemberLimitOf30AMinuteIsABurstOf15ThenOneEvery4Seconds() {
		WecomConnector c = connector();
		for (int i = 0; i < 15; i++) {
			assertThat(c.send(user("zhaoliu"), Reply.text("n" + i), "lim-" + i).status())
				.isEqualTo(SendResult.Status.SENT);
		}
		SendResult r = c.send(user("zhaoliu"), Reply.text("n15"), "lim-15");
		assertThat(r.status()).isEqualTo(SendResult.Status.DEFERRED);
		assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(4));
		assertThat(c.send(user("other"), Reply.text("n"), "lim-other").status()).isEqualTo(SendResult.Status.SENT);
		clock.advance(Duration.ofSeconds(4));
		assertThat(c.send(user("zhaoliu"), Reply.text("n15"), "lim-15").status()).isEqualTo(SendResult.Status.SENT);
		assertThat(stub.calls("/cgi-bin/message/send")).hasSize(17);
	}

	@Test
	void perRobotLimitOf20AMinuteIsABurstOf10AndUnknownRobotsFail() {
		WecomConnector c = connector();
		Recipient ops = Recipient.robot(Platform.WECOM, "ops");
		for (int i = 0; i < 10; i++) {
			assertThat(c.send(ops, Reply.text("r" + i), "r-" + i).status()).isEqualTo(SendResult.Status.SENT);
		}
		assertThat(c.send(ops, Reply.text("r10"), "r-10").status()).isEqualTo(SendResult.Status.DEFERRED);
		assertThat(stub.calls("/cgi-bin/webhook/send")).hasSize(10)
			.allSatisfy((call) -> assertThat(call.param("key")).isEqualTo("ops-key"));
		assertThat(c.send(Recipient.robot(Platform.WECOM, "nope"), Reply.text("x"), "r-x").status())
			.isEqualTo(SendResult.Status.FAILED);
		assertThat(c.maxBatch(ops)).isGreaterThan(1);
		assertThat(c.maxBatch(user("a"))).isEqualTo(1);
	}

	@Test
	void unsentMessagesSurviveARestartAndAreDeliveredOnce() {
		// instance 1 queues and "crashes" before delivering
		Outbox before = outbox(connector());
		before.enqueue("restart-1", user("zhangsan"), Reply.text("重启前 1"));
		before.enqueue("restart-2", user("lisi"), Reply.text("重启前 2"));
		assertThat(before.enqueue("restart-1", user("zhangsan"), Reply.text("重启前 1"))).isFalse();
		assertThat(stub.calls("/cgi-bin/message/send")).isEmpty();

		// instance 2: a new client, a new outbox over the same store
		Outbox after = outbox(connector());
		assertThat(after.drain()).isEqualTo(2);
		assertThat(after.drain()).isZero();
		Outbox third = outbox(connector());
		assertThat(third.drain()).isZero();
		List<PlatformStub.Call> sends = stub.calls("/cgi-bin/message/send");
		assertThat(sends).hasSize(2);
		assertThat(sends).extracting(PlatformStub.Call::body)
			.anySatisfy((b) -> assertThat(b).contains("重启前 1"))
			.anySatisfy((b) -> assertThat(b).contains("重启前 2"));
		assertThat(after.find("restart-1").orElseThrow().status()).isEqualTo(OutboxEntry.Status.SENT);
	}

	@Test
	void markdownAndGroupChatsAreHandled() {
		WecomConnector c = connector();
		assertThat(c.send(user("a"), Reply.markdown("日报", "**3** 条新线索"), "md-1").status())
			.isEqualTo(SendResult.Status.SENT);
		assertThat(stub.calls("/cgi-bin/message/send").get(0).body()).contains("\"msgtype\":\"markdown\"")
			.contains("**日报**");
		assertThat(c.send(Recipient.conversation(Platform.WECOM, "chat1"), Reply.text("x"), "g-1").status())
			.isEqualTo(SendResult.Status.FAILED);
	}

}
