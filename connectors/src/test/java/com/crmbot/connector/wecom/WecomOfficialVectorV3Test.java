package com.crmbot.connector.wecom;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.crmbot.testsupport.WecomTestCrypto;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Official vector V3 (WxJava's deterministic vector) through the real endpoint: the
 * ciphertext is used as an echostr, signed by the test, and must come back as the
 * plaintext.
 */
@SpringBootTest(classes = WecomTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crmbot.wecom.enabled=true", "crmbot.wecom.corp-id=wxb11529c136998cb6",
				"crmbot.wecom.agent-id=1", "crmbot.wecom.secret=v3-secret", "crmbot.wecom.token=v3token",
				"crmbot.wecom.encoding-aes-key=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
				"crmbot.outbox.background=false" })
class WecomOfficialVectorV3Test {

	static final String CIPHER = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void env(DynamicPropertyRegistry r) {
		r.add("spring.mongodb.uri", () -> TestEnv.MONGO_URI);
		r.add("crmbot.wecom.api-base-url", TestEnv.QYAPI::baseUrl);
	}

	@Test
	void v3CiphertextDecryptsThroughTheEndpoint() throws Exception {
		WecomTestCrypto tc = new WecomTestCrypto("v3token", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
				"wxb11529c136998cb6");
		String sig = tc.sign("1409304348", "xxxxxx", CIPHER);
		HttpResponse<String> r = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wecom/callback?msg_signature=" + sig
					+ "&timestamp=1409304348&nonce=xxxxxx&echostr="
					+ URLEncoder.encode(CIPHER, StandardCharsets.UTF_8)))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEqualTo("我是中文abcd123");
	}

}
