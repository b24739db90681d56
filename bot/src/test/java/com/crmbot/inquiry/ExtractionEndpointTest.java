package com.crmbot.inquiry;

import java.util.ArrayList;
import java.util.List;

import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/inquiries/extract}: SPEC.md's ten fields, nothing stored. */
class ExtractionEndpointTest extends BotTestSupport {

	@Test
	void returnsTheTenFieldsInSpecFormatAndStoresNothing() {
		Response r = postAs("admin", "/api/inquiries/extract",
				map("text", "苏州恒通精密机械有限公司的王建国总经理来电，想了解MES系统，预算大概50万，电话138-1234-5678，但觉得价格比竞品高，太贵了。"));
		assertThat(r.status()).isEqualTo(200);
		JsonNode json = r.json();
		List<String> names = new ArrayList<>(json.propertyNames());
		assertThat(names).containsExactlyInAnyOrder("company", "contact", "title", "decision_maker", "phone",
				"budget_cny", "need_type", "objections", "region", "industry");
		assertThat(json.get("company").asString()).isEqualTo("苏州恒通精密机械有限公司");
		assertThat(json.get("phone").asString()).isEqualTo("+8613812345678");
		assertThat(json.get("objections").isArray()).isTrue();
		assertThat(count(Customer.class)).isZero();
		assertThat(count(FollowUp.class)).isZero();
	}

	@Test
	void nothingRecognisedGivesNullsAndAnEmptyList() {
		JsonNode json = postAs("admin", "/api/inquiries/extract", map("text", "你好")).json();
		assertThat(json.get("company").isNull()).isTrue();
		assertThat(json.get("budget_cny").isNull()).isTrue();
		assertThat(json.get("objections").size()).isZero();
	}

}
