package com.crmbot.importing;

import java.nio.charset.Charset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.crmbot.customer.Customer;
import com.crmbot.task.TaskService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when", through the local chat API: a newcomer imports a messy list,
 * reads the report, confirms, watches the pool fill by score, moves a customer to 谈判 and
 * gets the contract and the legal review; she cannot see last year's customers and only a
 * supervisor can export.
 */
class NewcomerJourneyTest extends ImportTestSupport {

	@Autowired
	TaskService tasks;

	@Test
	void aNewcomerImportsAMessyListAndWorksTheBestLeads() {
		// last year's customer of the same newcomer, outside her 30-day window
		say("xiaowang", "/new 温州老客户鞋业有限公司 13533334444");
		Instant old = Instant.now().minus(400, ChronoUnit.DAYS);
		mongo.updateFirst(Query.query(Criteria.where("company").is("温州老客户鞋业有限公司")),
				new Update().set("createdAt", old).set("assignedAt", old), Customer.class);

		byte[] messy = csv(Charset.forName("GBK"), false, "华东区意向客户名单（2026 年 11 月）", "", "公司名称,联系人,职务,手机,预算",
				"苏州恒通精密机械有限公司,王建国,总经理,138-1234-5678,50万", "无锡华光电子有限公司,刘强,采购专员,13912345678,",
				"苏州恒通精密机械股份有限公司,王建国,总经理,+86 13812345678,", "杭州云帆教育科技有限公司,陈校长,校长,0571-88001234,20w", ",,,,",
				"坏数据有限公司,,,12345,");
		JsonNode r = upload("xiaowang", "意向客户.csv", messy, false);
		String report = texts(r);
		assertThat(report).contains("编码：GB18030")
			.contains("表头在第 3 行")
			.contains("将新建 3 个，合并到已有客户 0 个，文件内重复跳过 1 行，拒绝 1 行")
			.contains("第 6 行：与第 4 行重复")
			.contains("第 9 行：电话无法识别「12345」");

		assertThat(sayText("xiaowang", "/import confirm " + r.get("importId").asString())).contains("新建 3 个客户")
			.contains("2 个新客户进入重点跟进池");
		String pool = sayText("xiaowang", "/pool");
		assertThat(pool).contains("共 2 个");
		assertThat(pool).contains("35 分  苏州恒通精密机械有限公司").contains("35 分  杭州云帆教育科技有限公司");
		assertThat(pool).doesNotContain("无锡华光");

		String moved = sayText("xiaowang", "/stage 苏州恒通精密机械有限公司 谈判");
		assertThat(moved).contains("【合同草案】").contains("甲方：苏州恒通精密机械有限公司").contains("王建国（总经理）").contains("已创建法务审核");
		assertThat(tasks.openFor("boss")).anyMatch((t) -> t.title().contains("苏州恒通精密机械有限公司"));

		assertThat(sayText("xiaowang", "/find 温州")).doesNotContain("温州老客户鞋业有限公司");
		assertThat(sayText("xiaowang", "/export")).contains("无权导出");
		assertThat(sayText("zhao", "/export")).contains("导出已就绪：4 行");
	}

}
