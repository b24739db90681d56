package com.crmbot.connector.wecom;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.MessageType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Official vector V2 (Tencent's PHP sample), exactly as on the wire, through the real
 * endpoint.
 */
@SpringBootTest(classes = WecomTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crmbot.wecom.enabled=true", "crmbot.wecom.corp-id=wx5823bf96d3bd56c7",
				"crmbot.wecom.agent-id=218", "crmbot.wecom.secret=v2-secret", "crmbot.wecom.token=QDG6eK",
				"crmbot.wecom.encoding-aes-key=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
				"crmbot.wecom.callback-path=/callback", "crmbot.outbox.background=false" })
class WecomOfficialVectorV2Test {

	static final String ENCRYPT = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

	@LocalServerPort
	int port;

	@Autowired
	FakeBot bot;

	@DynamicPropertySource
	static void env(DynamicPropertyRegistry r) {
		r.add("spring.mongodb.uri", () -> TestEnv.MONGO_URI);
		r.add("crmbot.wecom.api-base-url", TestEnv.QYAPI::baseUrl);
	}

	HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
		b = "GET".equals(method) ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	@Test
	void urlCheckAsSentOnTheWire() throws Exception {
		HttpResponse<String> r = send("GET",
				"/callback?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D",
				null);
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEqualTo("1616140317555161061");
	}

	@Test
	void messageIsDecryptedAndHandedToTheBot() throws Exception {
		bot.reset();
		String body = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" + ENCRYPT
				+ "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";
		HttpResponse<String> r = send("POST",
				"/callback?msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149",
				body);
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(bot.messages)
			.extracting(ChatMessage::messageId, ChatMessage::senderId, ChatMessage::text, ChatMessage::type)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("4561255354251345929", "mycreate", "hello", MessageType.TEXT));
		assertThat(bot.messages.get(0).extras()).containsEntry("agentId", "218");
	}

}
