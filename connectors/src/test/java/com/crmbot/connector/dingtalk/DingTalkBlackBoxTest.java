package com.crmbot.connector.dingtalk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.crmbot.testsupport.PlatformStub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A callback signed and posted by a black-box client: python3 (standard library only)
 * computes the sign and posts with urllib; none of our code is involved on the sending
 * side. The reply must arrive in the right conversation's session webhook.
 */
class DingTalkBlackBoxTest extends DingTalkTestBase {

	private static final String CLIENT = """
			import base64, hashlib, hmac, sys, time, urllib.request
			url, secret, body_file = sys.argv[1], sys.argv[2], sys.argv[3]
			ts = str(int(time.time() * 1000))
			sign = base64.b64encode(hmac.new(secret.encode(), (ts + "\\n" + secret).encode(), hashlib.sha256).digest()).decode()
			data = open(body_file, "rb").read()
			req = urllib.request.Request(url, data=data, method="POST",
			    headers={"Content-Type": "application/json; charset=utf-8", "timestamp": ts, "sign": sign})
			with urllib.request.urlopen(req, timeout=10) as r:
			    print(r.status)
			""";

	@Test
	void aCallbackSignedByPythonIsAnsweredInTheRightConversation() throws Exception {
		clock.set(java.time.Instant.now()); // python signs with the wall clock
		Path dir = Files.createTempDirectory("dingtalk-bb");
		Path script = Files.writeString(dir.resolve("client.py"), CLIENT);
		String body = message("msg-blackbox", "2", "staff-zhang", " @crm-bot /help",
				System.currentTimeMillis() + Duration.ofMinutes(90).toMillis())
			.replace("cidGroup123==", "cidBlackBox==")
			.replace("session=abc", "session=blackbox");
		Path bodyFile = Files.writeString(dir.resolve("body.json"), body, StandardCharsets.UTF_8);

		Process p = new ProcessBuilder("python3", script.toString(), "http://127.0.0.1:" + port + "/dingtalk/callback",
				SECRET, bodyFile.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(out).isEqualTo("200");

		awaitProcessed("msg-blackbox");
		assertThat(handler.seen).singleElement().satisfies((m) -> {
			assertThat(m.conversationId()).isEqualTo("cidBlackBox==");
			assertThat(m.text()).isEqualTo("/help");
		});
		outbox.drain();
		List<PlatformStub.Call> posts = STUB.callsUnder("/session/robot");
		assertThat(posts).singleElement().satisfies((r) -> {
			assertThat(r.query()).isEqualTo("session=blackbox");
			assertThat(r.body()).contains(DingTalkTestApp.HELP).contains("\"atUserIds\":[\"staff-zhang\"]");
		});
	}

}
