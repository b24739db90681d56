package com.crmbot.connector.wecom;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A callback built by an independent black-box client, {@code blackbox_client.py} (Python
 * standard library + the openssl CLI, written from Tencent's published algorithm, no
 * crm-bot code), against the running endpoint: URL verification, an encrypted text
 * message, and the passive reply verified and decrypted by the client. Skipped when
 * python3 or openssl is not installed.
 */
class WecomBlackBoxTest extends WecomIntegrationTest {

	static boolean available(String... cmd) {
		try {
			Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
			return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Test
	void independentClientIsAnsweredCorrectly() throws Exception {
		assumeTrue(available("python3", "--version") && available("openssl", "version"),
				"python3 and openssl are needed for the black-box client");
		Path script = Files.createTempFile("blackbox_client", ".py");
		try (var in = getClass().getResourceAsStream("/wecom/blackbox_client.py")) {
			Files.write(script, in.readAllBytes());
		}
		Process p = new ProcessBuilder("python3", script.toString(), "http://127.0.0.1:" + port + "/wecom/callback",
				TOKEN, AES_KEY, CORP_ID, "ChenJiaShun", "黑盒测试 hello", "bb-" + System.nanoTime())
			.redirectError(new File(script + ".err"))
			.start();
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String err = Files.readString(Path.of(script + ".err"));
		assertThat(p.exitValue()).as(err).isZero();
		assertThat(out).contains("\"get_status\": 200")
			.contains("\"get_ok\": true")
			.contains("\"post_status\": 200")
			.contains("\"reply_signature_ok\": true")
			.contains("\"reply_receiveid\": \"" + CORP_ID + "\"")
			.contains("\"reply_content\": \"收到: 黑盒测试 hello\"");
		assertThat(bot.messages).singleElement().satisfies((m) -> assertThat(m.text()).isEqualTo("黑盒测试 hello"));
	}

}
