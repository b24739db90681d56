package com.crmbot.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.crmbot.customer.Customer;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /today}: overdue and due tasks, today's reminders, customers to follow up. */
class TodayCommandTest extends WorkflowTestSupport {

	private void customer(String name, String owner, String stage, int score, Duration sinceContact) {
		Instant now = CLOCK.instant();
		mongo.insert(new Customer(new ObjectId().toHexString(), name, name, null, null, null, null, null, null, null,
				null, null, owner, "east", stage, List.of(), Map.of(), score, now.minus(Duration.ofDays(60)), null,
				now.minus(sinceContact), "command", null, null, null));
	}

	@Test
	void theAgendaListsOverdueAndDueTasksRemindersAndQuietCustomers() {
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
		customer("杭州老客户甲有限公司", "zhangsan", "方案", 95, Duration.ofDays(10));
		customer("宁波老客户乙有限公司", "zhangsan", "拜访", 10, Duration.ofDays(20));
		customer("无锡已成交有限公司", "zhangsan", "成交", 10, Duration.ofDays(30));
		customer("常州刚联系有限公司", "zhangsan", "方案", 10, Duration.ofDays(2));
		customer("李四的客户有限公司", "lisi", "方案", 10, Duration.ofDays(30));
		sayText("zhangsan", "/task 恒通 打电话 in 1 hour");
		sayText("zhangsan", "/task 恒通 发合同 in 5 hours");
		sayText("zhangsan", "/task 恒通 上门拜访 3天后");
		advance(Duration.ofHours(2)); // 12:00: 打电话 is overdue, 发合同 due at 15:00

		String today = sayText("zhangsan", "/今日");
		assertThat(today).contains("今日安排（2026-12-02）")
			.containsSubsequence("逾期任务：", "打电话", "今天到期：", "发合同", "今天的提醒：", "15:00", "发合同", "该跟进的客户（7 天以上未联系）：",
					"⭐ 杭州老客户甲有限公司（方案，95 分，重点跟进，10 天未联系）", "宁波老客户乙有限公司（拜访，20 天未联系）")
			.doesNotContain("上门拜访", "无锡已成交", "常州刚联系", "李四的客户");
		assertThat(sayText("zhangsan", "/today")).isEqualTo(today);
		assertThat(sayText("lisi", "/今日")).contains("李四的客户有限公司（方案，30 天未联系）").doesNotContain("打电话", "恒通");
		assertThat(sayText("sunli", "/今日")).contains("今天没有到期或逾期的任务");
	}

}
