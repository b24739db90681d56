package com.crmbot.web;

import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator health shows the store and each connector. */
class HealthTest extends BotTestSupport {

	@Test
	void healthShowsTheStoreAndTheConnectors() {
		Response r = get("/actuator/health");
		assertThat(r.status()).isEqualTo(200);
		JsonNode c = r.json().get("components");
		assertThat(c.get("mongo").get("status").asString()).isEqualTo("UP");
		assertThat(c.get("mongo").get("details").get("store").asString()).isEqualTo("embedded");
		assertThat(c.get("connectors").get("details").get("local").asString()).isEqualTo("enabled");
		assertThat(r.json().get("status").asString()).isEqualTo("UP");
	}

}
