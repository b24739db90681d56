package com.crmbot.security;

import java.util.Map;

import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jackson's stream read constraints on request bodies: too deep, too long a number or too
 * long a string is a clear 400, and the limits are the configured ones.
 */
class JsonLimitsTest extends BotTestSupport {

	@org.springframework.beans.factory.annotation.Autowired
	private tools.jackson.databind.json.JsonMapper mapper;

	private Response postRaw(String body) {
		return sendAs("zhangsan",
				java.net.http.HttpRequest.newBuilder(uri("/api/inquiries/extract"))
					.header("Content-Type", "application/json")
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
					.build());
	}

	@Test
	void theApplicationsMapperCarriesTheConfiguredConstraints() {
		var c = mapper.tokenStreamFactory().streamReadConstraints();
		assertThat(c.getMaxNestingDepth()).isEqualTo(64);
		assertThat(c.getMaxNumberLength()).isEqualTo(100);
		assertThat(c.getMaxStringLength()).isEqualTo(1_000_000);
	}

	@Test
	void tooDeepTooLongANumberOrAStringAreRefusedWith400() {
		assertThat(postAs("zhangsan", "/api/inquiries/extract", Map.of("text", "你好")).status()).isEqualTo(200);
		// the same shapes within the limits are fine
		assertThat(postRaw("{\"text\":\"x\",\"a\":" + "[".repeat(10) + "]".repeat(10) + "}").status()).isEqualTo(200);
		assertThat(postRaw("{\"text\":\"x\",\"n\":" + "9".repeat(50) + "}").status()).isEqualTo(200);
		assertThat(postRaw("{\"text\":\"x\",\"" + "k".repeat(500) + "\":1}").status()).isEqualTo(200);
		String deep = "{\"text\":\"x\",\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
		Response r = postRaw(deep);
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body()).contains("error");
		assertThat(postRaw("{\"text\":\"x\",\"n\":" + "9".repeat(500) + "}").status()).isEqualTo(400);
		assertThat(postRaw("{\"text\":\"x\",\"" + "k".repeat(2000) + "\":1}").status()).isEqualTo(400);
	}

}
