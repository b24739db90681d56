package com.crmbot.access;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.crmbot.customer.Customer;
import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Role rules from config/org.yaml on every command that shows customers: own / department
 * / all, and the newcomer's 30-day window. Denials say so and are logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class PermissionsTest extends BotTestSupport {

	@Test
	void aRepSeesOnlyOwnCustomersASupervisorTheDepartmentADirectorAll() {
		say("zhangsan", "/new 合肥明远软件有限公司 13511112222");
		say("sunli", "/new 广州南粤酒店管理有限公司 13522223333");

		assertThat(sayText("zhangsan", "/find 明远")).contains("合肥明远软件有限公司");
		assertThat(sayText("lisi", "/find 明远")).contains("没有找到");
		assertThat(sayText("zhao", "/find 明远")).contains("合肥明远软件有限公司");
		assertThat(sayText("zhao", "/find 南粤")).contains("没有找到");
		assertThat(sayText("qian", "/find 南粤")).contains("广州南粤酒店管理有限公司");
		assertThat(sayText("boss", "/find 明远")).contains("合肥明远软件有限公司");
		assertThat(sayText("boss", "/find 南粤")).contains("广州南粤酒店管理有限公司");
	}

	@Test
	void aDeniedCustomerIsSaidSoAndLogged(CapturedOutput output) {
		say("zhangsan", "/new 合肥明远软件有限公司 13511112222");
		assertThat(sayText("lisi", "/log 合肥明远软件有限公司 拜访了")).contains("没有找到客户");
		assertThat(sayText("lisi", "/tpl quote 合肥明远软件有限公司")).contains("没有找到客户");
		assertThat(output).contains("access denied: user=lisi role=rep");
		assertThat(mongo.count(Query.query(Criteria.where("kind").is("NOTE")), "followups")).isZero();
	}

	@Test
	void aNewcomerSeesOnlyCustomersOfTheLast30Days() {
		say("xiaowang", "/new 温州老客户鞋业有限公司 13533334444");
		say("xiaowang", "/new 温州新客户鞋业有限公司 13544445555");
		Instant old = Instant.now().minus(400, ChronoUnit.DAYS);
		mongo.updateFirst(Query.query(Criteria.where("company").is("温州老客户鞋业有限公司")),
				new Update().set("createdAt", old).set("assignedAt", old), Customer.class);

		String found = sayText("xiaowang", "/find 温州");
		assertThat(found).contains("温州新客户鞋业有限公司").doesNotContain("温州老客户鞋业有限公司");
		// the same answer as for a customer that does not exist (here: visible
		// look-alikes to
		// choose from), nothing about the hidden one, nothing filed
		String hidden = sayText("xiaowang", "/log 温州老客户鞋业有限公司 回访");
		String absent = sayText("xiaowang", "/log 温州旧客户鞋业有限公司 回访");
		assertThat(hidden.replace("温州老客户鞋业有限公司", "X")).isEqualTo(absent.replace("温州旧客户鞋业有限公司", "X"));
		assertThat(hidden).doesNotContain("13533334444").doesNotContain("135 3333 4444");
		assertThat(mongo.count(Query.query(Criteria.where("kind").is("NOTE")), "followups")).isZero();
		// a customer re-assigned recently is visible again
		mongo.updateFirst(Query.query(Criteria.where("company").is("温州老客户鞋业有限公司")),
				new Update().set("assignedAt", Instant.now()), Customer.class);
		assertThat(sayText("xiaowang", "/find 温州老客户")).contains("温州老客户鞋业有限公司");
	}

	@Test
	void adminCommandsAreDeniedToOthers(CapturedOutput output) {
		assertThat(sayText("zhangsan", "/config reload")).contains("无权使用 /config");
		assertThat(output).contains("access denied: user=zhangsan role=rep action=/config");
		assertThat(sayText("admin", "/config reload")).contains("Configuration reloaded");
	}

}
