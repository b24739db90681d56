package com.crmbot.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

import com.crmbot.connector.InboundLedger;
import com.crmbot.connector.outbox.Outbox;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.support.BotTestSupport;
import com.crmbot.testsupport.DingTalkTestSign;
import com.crmbot.testsupport.PlatformStub;
import com.crmbot.testsupport.WecomTestCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real bot with the WeCom and the DingTalk connectors enabled, every remote host
 * pointed at one local {@link PlatformStub}. All subclasses share this exact
 * configuration, so Spring starts one context for all of them.
 */
@org.springframework.context.annotation.Import(PlatformTestSupport.ClockConfig.class)
abstract class PlatformTestSupport extends BotTestSupport {

	/**
	 * The bot's clock: the system clock plus an offset tests may only move forward (the
	 * connectors' rate windows remember instants), by at most a few minutes in all.
	 */
	static final OffsetClock CLOCK = new OffsetClock();

	@org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
	static class ClockConfig {

		@org.springframework.context.annotation.Bean
		@org.springframework.context.annotation.Primary
		java.time.Clock platformTestClock() {
			return CLOCK;
		}

	}

	static final class OffsetClock extends java.time.Clock {

		private volatile Duration offset = Duration.ZERO;

		void advance(Duration d) {
			offset = offset.plus(d);
		}

		@Override
		public java.time.ZoneId getZone() {
			return java.time.ZoneId.of("Asia/Shanghai");
		}

		@Override
		public java.time.Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public java.time.Instant instant() {
			return java.time.Instant.now().plus(offset);
		}

	}

	/** The V1 official vector's corp (Tencent's sample), as in the connectors' tests. */
	static final String CORP_ID = "ww1436e0e65a779aee";

	static final String WECOM_TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";

	static final String AES_KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";

	static final String DINGTALK_SECRET = "SECe2e0123456789abcdef";

	static final String DINGTALK_CLIENT_ID = "dinge2ekey";

	static final PlatformStub STUB = new PlatformStub();

	/** Generous: the first callback of a fresh JVM on a busy 2-core box takes seconds. */
	static final Duration WAIT = Duration.ofSeconds(30);

	@DynamicPropertySource
	static void platforms(DynamicPropertyRegistry r) {
		r.add("crmbot.wecom.enabled", () -> "true");
		r.add("crmbot.wecom.corp-id", () -> CORP_ID);
		r.add("crmbot.wecom.agent-id", () -> "1000002");
		r.add("crmbot.wecom.secret", () -> "app-secret-value-e2e");
		r.add("crmbot.wecom.token", () -> WECOM_TOKEN);
		r.add("crmbot.wecom.encoding-aes-key", () -> AES_KEY);
		r.add("crmbot.wecom.callback-path", () -> "/wecom/callback");
		r.add("crmbot.wecom.api-base-url", STUB::baseUrl);
		r.add("crmbot.wecom.kf-retry-backoff", () -> "200ms");
		r.add("crmbot.dingtalk.enabled", () -> "true");
		r.add("crmbot.dingtalk.client-id", () -> DINGTALK_CLIENT_ID);
		r.add("crmbot.dingtalk.client-secret", () -> DINGTALK_SECRET);
		r.add("crmbot.dingtalk.mode", () -> "http");
		r.add("crmbot.dingtalk.callback-path", () -> "/dingtalk/callback");
		r.add("crmbot.dingtalk.api-endpoint", () -> "127.0.0.1:" + STUB.port());
		r.add("crmbot.dingtalk.api-protocol", () -> "http");
		r.add("crmbot.dingtalk.oapi-base-url", STUB::baseUrl);
		// the QR sign-in pages (PlatformSignInBrowserTest has the stand-in simulate the
		// scan)
		r.add("crmbot.signin.wecom-qr-url", () -> STUB.baseUrl() + "/wwlogin/sso/login");
		r.add("crmbot.signin.dingtalk-authorize-url", () -> STUB.baseUrl() + "/oauth2/auth");
		// the east department's group robots (config/org.yaml: east-team on both)
		r.add("crmbot.wecom.robots.east-team", () -> "wecom-east-key");
		// a robot added to a sales group chat, whose message callback reaches the bot
		r.add("crmbot.wecom.robots.sales-group", () -> "wecom-sales-group-key");
		r.add("crmbot.dingtalk.robots.east-team.access-token", () -> "dt-east-token");
		r.add("crmbot.dingtalk.robots.east-team.secret", () -> "SECeast0123456789");
	}

	@Autowired
	Outbox outbox;

	@Autowired
	InboundLedger ledger;

	/**
	 * The connector's callback workers: answers that missed the passive budget are queued
	 * from here.
	 */
	@Autowired
	@Qualifier("wecomInboundExecutor")
	ExecutorService wecomInbound;

	final WecomTestCrypto wecom = new WecomTestCrypto(WECOM_TOKEN, AES_KEY, CORP_ID);

	final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeEach
	void resetStub() {
		STUB.reset();
	}

	/** Nothing a test started may spill into the next one (e.g. a late active answer). */
	@AfterEach
	void letCallbacksFinish() {
		await().atMost(WAIT).until(this::settled);
	}

	/**
	 * No callback is being processed and the WeCom workers are idle (late answers
	 * queued).
	 */
	boolean settled() {
		boolean idle = !(wecomInbound instanceof ThreadPoolExecutor t)
				|| (t.getActiveCount() == 0 && t.getQueue().isEmpty());
		return idle && mongo.count(new Query(Criteria.where("status").is("PROCESSING")), "inbound_ledger") == 0;
	}

	// ---- WeCom ----

	/**
	 * Encrypt and sign an inner XML with the tests' own crypto and POST it as WeCom does.
	 */
	HttpResponse<String> deliverWecom(String innerXml, String nonce) throws Exception {
		String ts = Long.toString(System.currentTimeMillis() / 1000);
		String[] qb = wecom.callback(innerXml, ts, nonce);
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wecom/callback?" + qb[0]))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "text/xml")
			.POST(HttpRequest.BodyPublishers.ofString(qb[1], StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/**
	 * The plaintext of a passive reply, signature-checked and decrypted by the tests' own
	 * code.
	 */
	String openPassiveReply(HttpResponse<String> resp, String nonce) throws Exception {
		String body = resp.body();
		String enc = between(body, "<Encrypt><![CDATA[", "]]></Encrypt>");
		String sig = between(body, "<MsgSignature><![CDATA[", "]]></MsgSignature>");
		String ts = between(body, "<TimeStamp>", "</TimeStamp>");
		assertThat(sig).isEqualTo(wecom.sign(ts, nonce, enc));
		String[] plain = wecom.decrypt(enc);
		assertThat(plain[1]).isEqualTo(CORP_ID);
		return plain[0];
	}

	static String wecomText(String from, String content, String msgId) {
		return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[" + from
				+ "]]></FromUserName><CreateTime>" + (System.currentTimeMillis() / 1000)
				+ "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
				+ "]]></Content><MsgId>" + msgId + "</MsgId><AgentID>1000002</AgentID></xml>";
	}

	/**
	 * Wait until the callback with this ledger key has been processed (DONE or FAILED).
	 */
	void awaitProcessed(String ledgerKey) {
		await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
			InboundLedger.Status s = ledger.status(ledgerKey);
			return s != null && s != InboundLedger.Status.PROCESSING;
		});
		assertThat(ledger.status(ledgerKey)).as("ledger status of %s", ledgerKey).isEqualTo(InboundLedger.Status.DONE);
	}

	/**
	 * Exactly one customer (苏州恒通精密机械有限公司, +8613812345678, owned by zhangsan) and one
	 * inquiry follow-up on it, filed from this platform message.
	 */
	FollowUp assertOneFiledInquiry(String platform, String msgId, String text) {
		assertThat(count(FollowUp.class)).isEqualTo(1);
		assertThat(count(Customer.class)).isEqualTo(1);
		Customer c = mongo.findOne(new Query(), Customer.class);
		assertThat(c.company()).isEqualTo("苏州恒通精密机械有限公司");
		assertThat(c.phones()).containsExactly("+8613812345678");
		assertThat(c.ownerId()).isEqualTo("zhangsan");
		FollowUp f = mongo.findOne(new Query(), FollowUp.class);
		assertThat(f.customerId()).isEqualTo(c.id());
		assertThat(f.kind()).isEqualTo(FollowUp.Kind.INQUIRY);
		assertThat(f.platform()).isEqualTo(platform);
		assertThat(f.platformMessageId()).isEqualTo(msgId);
		assertThat(f.text()).isEqualTo(text);
		return f;
	}

	static String between(String s, String a, String b) {
		int i = s.indexOf(a);
		int j = (i < 0) ? -1 : s.indexOf(b, i + a.length());
		if (i < 0 || j < 0) {
			throw new AssertionError("no " + a + " in " + s);
		}
		return s.substring(i + a.length(), j);
	}

	// ---- DingTalk ----

	/** DingTalk's callback sign, computed independently of the production code. */
	static String dingtalkSign(long ts, String secret) {
		return DingTalkTestSign.sign(ts, secret);
	}

	HttpResponse<String> deliverDingTalk(String json) throws Exception {
		long ts = System.currentTimeMillis();
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dingtalk/callback"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("timestamp", Long.toString(ts))
			.header("sign", dingtalkSign(ts, DINGTALK_SECRET))
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
