package com.crmbot.importing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/** An upload analysed but never confirmed expires with its file; a fresh one stays. */
class ImportExpiryTest extends ImportTestSupport {

	@Autowired
	private ImportExpiry expiry;

	@Test
	void unconfirmedUploadsExpire() throws Exception {
		JsonNode old = upload("zhangsan", "old.csv",
				csv(StandardCharsets.UTF_8, false, "客户名称,电话", "杭州旧名单有限公司,13911112222"), false);
		JsonNode fresh = upload("zhangsan", "fresh.csv",
				csv(StandardCharsets.UTF_8, false, "客户名称,电话", "杭州新名单有限公司,13933334444"), false);
		String oldId = old.get("importId").asString();
		LeadImport before = mongo.findById(oldId, LeadImport.class);
		assertThat(Files.exists(Path.of(before.path()))).isTrue();
		mongo.updateFirst(Query.query(Criteria.where("_id").is(oldId)),
				Update.update("createdAt", Instant.now().minus(Duration.ofHours(25))), LeadImport.class);

		expiry.runDue();

		assertThat(mongo.findById(oldId, LeadImport.class)).isNull();
		assertThat(Files.exists(Path.of(before.path()))).as("file removed").isFalse();
		assertThat(sayText("zhangsan", "/import confirm " + oldId)).contains(oldId);
		assertThat(mongo.findById(fresh.get("importId").asString(), LeadImport.class)).isNotNull();
		assertThat(sayText("zhangsan", "/import confirm " + fresh.get("importId").asString())).contains("新建 1 个客户");
	}

}
