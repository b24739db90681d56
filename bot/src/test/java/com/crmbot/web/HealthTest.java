package com.crmbot.web;

import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator health shows the store and each connector. */
class HealthTest extends BotTestSupport {

	@Test
	void healthShowsTheStoreAndTheConnectorsToAdminsOnly() {
		Response bare = get("/actuator/health");
		assertThat(bare.status()).isEqualTo(200);
		assertThat(bare.json().get("status").asString()).isEqualTo("UP");
		assertThat(bare.json().has("components")).as("no details without sign-in").isFalse();
		assertThat(getAs("zhangsan", "/actuator/health").json().has("components")).as("no details for a rep").isFalse();
		assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
		Response r = getAs("admin", "/actuator/health");
		assertThat(r.status()).isEqualTo(200);
		JsonNode c = r.json().get("components");
		assertThat(c.get("mongo").get("status").asString()).isEqualTo("UP");
		assertThat(c.get("mongo").get("details").get("store").asString()).isEqualTo("embedded");
		assertThat(c.get("connectors").get("details").get("local").asString()).isEqualTo("enabled");
		// switched-off platforms are listed, not left out
		assertThat(c.get("connectors").get("details").get("wecom").asString()).isEqualTo("disabled");
		assertThat(c.get("connectors").get("details").get("dingtalk").asString()).isEqualTo("disabled");
		assertThat(r.json().get("status").asString()).isEqualTo("UP");
	}

}
