package com.crmbot.conversation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.task.Task;
import com.crmbot.task.WorkflowTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Free text that names a customer by a short name or alias is filed on that customer;
 * "提醒我…" in plain words creates a task; ambiguity is asked with numbered choices. End to
 * end through the chat API.
 */
class MentionsAndRemindersTest extends WorkflowTestSupport {

	private static final String NO_ALIASES = "aliases: {}";

	@Override
	protected void extraCleanup() {
		super.extraCleanup();
		mongo.remove(new Query(), "pending_choices");
	}

	@BeforeEach
	void customers() {
		assertThat(sayText("zhangsan", "/new 杭州云帆物流有限公司 陈丽 13912345678")).contains("云帆");
		assertThat(sayText("zhangsan", "/new 苏州恒通精密机械有限公司 王总 13812345678")).contains("恒通");
	}

	@AfterEach
	void noAliases() throws IOException {
		Path f = CONFIG_DIR.resolve("customers.yaml");
		String yaml = Files.readString(f);
		int at = yaml.indexOf("aliases:");
		Files.writeString(f, yaml.substring(0, at) + NO_ALIASES + "\n");
		sayText("admin", "/config reload");
	}

	private Customer customer(String company) {
		return mongo.findOne(Query.query(Criteria.where("company").is(company)), Customer.class);
	}

	private List<FollowUp> followUps(Customer c) {
		return mongo.find(Query.query(Criteria.where("customerId").is(c.id())), FollowUp.class);
	}

	@Test
	void aShortNameInFreeTextFilesOnTheExistingCustomer() {
		long before = mongo.count(new Query(), Customer.class);
		String reply = sayText("zhangsan", "杭州云帆物流的陈丽说报价收到了，下周给答复");
		assertThat(reply).contains("杭州云帆物流有限公司").doesNotContain("没有识别到");
		assertThat(followUps(customer("杭州云帆物流有限公司"))).extracting(FollowUp::text).contains("杭州云帆物流的陈丽说报价收到了，下周给答复");
		// the trade name alone, and the short name with the line of business
		sayText("zhangsan", "云帆那边说合同法务在看了");
		sayText("zhangsan", "恒通机械王总反馈样品没问题");
		assertThat(followUps(customer("杭州云帆物流有限公司"))).extracting(FollowUp::text).contains("云帆那边说合同法务在看了");
		assertThat(followUps(customer("苏州恒通精密机械有限公司"))).extracting(FollowUp::text).contains("恒通机械王总反馈样品没问题");
		assertThat(mongo.count(new Query(), Customer.class)).isEqualTo(before);
	}

	@Test
	void anotherCompanyWithTheSameTradeNameIsNotFiledOnTheKnownOne() {
		sayText("zhangsan", "上海云帆科技有限公司的刘强问价格，电话13700001111");
		assertThat(customer("上海云帆科技有限公司")).isNotNull();
		assertThat(followUps(customer("杭州云帆物流有限公司"))).isEmpty();
	}

	@Test
	void aCustomerAnotherRepOwnsIsNotResolvedFromAShortName() {
		String reply = sayText("lisi", "云帆的陈丽说报价收到了");
		assertThat(reply).doesNotContain("杭州云帆物流有限公司");
		assertThat(followUps(customer("杭州云帆物流有限公司"))).isEmpty();
	}

	@Test
	void anAmbiguousShortNameAsksWithNumberedChoices() {
		assertThat(sayText("zhangsan", "/new 宁波云帆电子有限公司 刘强 13712345678")).contains("云帆");
		String asked = sayText("zhangsan", "云帆说报价收到了，下周给答复");
		assertThat(asked).contains("请回复序号", "1. ", "2. ", "杭州云帆物流有限公司", "宁波云帆电子有限公司").doesNotContain("/log");
		String pick = asked.indexOf("1. 宁波") >= 0 ? "1" : "2";
		assertThat(sayText("zhangsan", pick)).contains("宁波云帆电子有限公司");
		assertThat(followUps(customer("宁波云帆电子有限公司"))).extracting(FollowUp::text).contains("云帆说报价收到了，下周给答复");
		assertThat(followUps(customer("杭州云帆物流有限公司"))).isEmpty();
		// the contact named settles it without asking
		assertThat(sayText("zhangsan", "云帆的陈丽说下周来厂里看看")).contains("杭州云帆物流有限公司").doesNotContain("请回复序号");
	}

	@Test
	void anAdminDefinedAliasResolves() throws IOException {
		Path f = CONFIG_DIR.resolve("customers.yaml");
		Files.writeString(f, Files.readString(f).replace(NO_ALIASES, "aliases:\n  杭州云帆物流有限公司: [YF物流, 帆哥家]"));
		assertThat(sayText("admin", "/config reload")).doesNotContain("error", "错误");
		assertThat(sayText("zhangsan", "帆哥家今天来电问发票的事")).contains("杭州云帆物流有限公司");
		assertThat(followUps(customer("杭州云帆物流有限公司"))).extracting(FollowUp::text).contains("帆哥家今天来电问发票的事");
	}

	@Test
	void aReminderInPlainWordsCreatesATaskDueAtThatTimeOnTheCustomer() {
		String reply = sayText("zhangsan", "明天下午3点提醒我给云帆的陈丽打电话");
		List<Task> tasks = mongo.find(new Query(), Task.class);
		assertThat(tasks).hasSize(1);
		Task t = tasks.get(0);
		assertThat(t.customerId()).isEqualTo(customer("杭州云帆物流有限公司").id());
		assertThat(t.ownerId()).isEqualTo("zhangsan");
		assertThat(t.dueAt()).isEqualTo(START.plusDays(1).withHour(15).toInstant());
		assertThat(t.title()).isEqualTo("给云帆的陈丽打电话");
		assertThat(reply).contains("杭州云帆物流有限公司", "给云帆的陈丽打电话");
		// nothing filed as an inquiry, no lead created
		assertThat(followUps(customer("杭州云帆物流有限公司"))).isEmpty();
		// the time after the trigger works too
		sayText("zhangsan", "提醒我后天上午10点把样品寄给恒通王总");
		Task second = mongo.findOne(Query.query(Criteria.where("customerId").is(customer("苏州恒通精密机械有限公司").id())),
				Task.class);
		assertThat(second.dueAt()).isEqualTo(START.plusDays(2).withHour(10).toInstant());
		assertThat(second.title()).isEqualTo("把样品寄给恒通王总");
	}

	@Test
	void aReminderWithoutAnHourIsConfirmedAndWithoutACustomerIsAsked() {
		String confirm = sayText("zhangsan", "下周一提醒我给云帆发合同");
		assertThat(confirm).contains("1) 2026-12-07", "杭州云帆物流有限公司");
		assertThat(mongo.count(new Query(), Task.class)).isZero();
		assertThat(sayText("zhangsan", "明天上午9点提醒我开周会")).contains("客户");
		assertThat(mongo.count(new Query(), Task.class)).isZero();
		assertThat(sayText("zhangsan", "提醒我给云帆打电话")).contains("时间");
		assertThat(mongo.count(new Query(), Task.class)).isZero();
	}

	@Test
	void timeOfReminderIsReadFromTheLongestTimeExpression() {
		int[] span = ReminderRequests.timeSpan("明天下午3点提醒我给云帆的陈丽打电话", 6, 9, START);
		assertThat(span).containsExactly(0, 6);
		assertThat(ReminderRequests.title("明天下午3点，提醒我给陈丽打电话。", List.of(new int[] { 0, 6 }, new int[] { 7, 10 })))
			.isEqualTo("给陈丽打电话");
	}

}
