package com.crmbot.connector.wecom;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.crmbot.connector.outbox.Outbox;
import com.crmbot.testsupport.PlatformStub;
import com.crmbot.testsupport.WecomTestCrypto;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole WeCom connector on a real port, configured with
 * the V1 official vector's corp (Tencent's Python sample), against the qyapi stub and an
 * in-process store. All subclasses share one Spring context.
 */
@SpringBootTest(classes = WecomTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crmbot.wecom.enabled=true", "crmbot.wecom.corp-id=" + WecomIntegrationTest.CORP_ID,
				"crmbot.wecom.agent-id=1000002", "crmbot.wecom.secret=app-secret-value-123",
				"crmbot.wecom.token=" + WecomIntegrationTest.TOKEN,
				"crmbot.wecom.encoding-aes-key=" + WecomIntegrationTest.AES_KEY,
				"crmbot.wecom.callback-path=/wecom/callback", "crmbot.wecom.passive-reply-budget=1500ms",
				"crmbot.wecom.max-body-bytes=8192", "crmbot.wecom.robots.sales=robot-key-sales",
				"crmbot.outbox.background=false" })
abstract class WecomIntegrationTest {

	static final String TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";

	static final String AES_KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";

	static final String CORP_ID = "ww1436e0e65a779aee";

	static final PlatformStub QYAPI = TestEnv.QYAPI;

	final WecomTestCrypto tc = new WecomTestCrypto(TOKEN, AES_KEY, CORP_ID);

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	FakeBot bot;

	@Autowired
	Outbox outbox;

	@DynamicPropertySource
	static void env(DynamicPropertyRegistry r) {
		r.add("spring.mongodb.uri", () -> TestEnv.MONGO_URI);
		r.add("crmbot.wecom.api-base-url", QYAPI::baseUrl);
	}

	@BeforeEach
	void resetFakes() {
		outbox.drain();
		bot.reset();
		QYAPI.reset();
	}

	HttpResponse<String> get(String rawQuery) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wecom/callback?" + rawQuery))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	HttpResponse<String> post(String rawQuery, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wecom/callback?" + rawQuery))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "text/xml")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** Encrypt, sign and POST an inner XML the way WeCom does. */
	HttpResponse<String> deliver(String innerXml) throws Exception {
		String ts = Long.toString(System.currentTimeMillis() / 1000);
		String[] qb = tc.callback(innerXml, ts, Long.toString(System.nanoTime() % 1_000_000_000L));
		return post(qb[0], qb[1]);
	}

	static String textXml(String from, String content, String msgId) {
		return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[" + from
				+ "]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
				+ content + "]]></Content><MsgId>" + msgId + "</MsgId><AgentID>1000002</AgentID></xml>";
	}

	/**
	 * The plaintext of a passive reply, decrypted and signature-checked by the test's own
	 * code.
	 */
	String openReply(HttpResponse<String> resp, String nonce) throws Exception {
		String body = resp.body();
		String enc = between(body, "<Encrypt><![CDATA[", "]]></Encrypt>");
		String sig = between(body, "<MsgSignature><![CDATA[", "]]></MsgSignature>");
		String ts = between(body, "<TimeStamp>", "</TimeStamp>");
		org.assertj.core.api.Assertions.assertThat(sig).isEqualTo(tc.sign(ts, nonce, enc));
		String[] plain = tc.decrypt(enc);
		org.assertj.core.api.Assertions.assertThat(plain[1]).isEqualTo(CORP_ID);
		return plain[0];
	}

	static String between(String s, String a, String b) {
		int i = s.indexOf(a);
		int j = s.indexOf(b, i + a.length());
		if (i < 0 || j < 0) {
			throw new AssertionError("no " + a + " in " + s);
		}
		return s.substring(i + a.length(), j);
	}

}
