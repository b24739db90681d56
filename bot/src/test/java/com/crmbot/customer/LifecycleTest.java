package com.crmbot.customer;

import java.time.Duration;
import java.util.List;

import com.crmbot.access.AuditEntry;
import com.crmbot.followup.FollowUp;
import com.crmbot.task.Reminder;
import com.crmbot.task.Task;
import com.crmbot.task.WorkflowTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correcting, listing, handing over, deleting and undoing, end to end through the chat
 * API.
 */
class LifecycleTest extends WorkflowTestSupport {

	@Override
	protected void extraCleanup() {
		super.extraCleanup();
		for (String c : List.of("changes", "pending_choices", CustomerLifecycle.TRASH, AuditEntry.COLLECTION)) {
			mongo.remove(new Query(), c);
		}
	}

	@BeforeEach
	void customers() {
		assertThat(sayText("zhangsan", "/new 苏州恒通精密机械有限公司 王总 13812345678")).contains("恒通");
		assertThat(sayText("zhangsan", "/new 杭州云帆物流有限公司 陈丽 13912345678")).contains("云帆");
		assertThat(sayText("zhangsan", "/new 杭州云帆科技有限公司 刘强 13712345678")).contains("云帆");
	}

	private Customer customer(String company) {
		return mongo.findOne(Query.query(Criteria.where("company").is(company)), Customer.class);
	}

	@Test
	void aShortenedNameFindsTheCustomerAndTheFindAnswerShowsNoInternalCodes() {
		String found = sayText("zhangsan", "/find 苏州恒通机械");
		assertThat(found)
			.contains("苏州恒通精密机械有限公司", "138 1234 5678", CustomerService.shortId(customer("苏州恒通精密机械有限公司").id()))
			.doesNotContain(customer("苏州恒通精密机械有限公司").id());
		assertThat(sayText("zhangsan", "/log 苏州恒通机械 王总说下周给答复")).contains("苏州恒通精密机械有限公司");
		assertThat(sayText("zhangsan", "/find 恒通")).contains("【跟进记录】", "王总说下周给答复").doesNotContain("[note]");
		// nothing like it: not found, not a random customer
		assertThat(sayText("zhangsan", "/find 北京华夏教育")).doesNotContain("恒通", "云帆");
		// close but not a shortening: asked, not guessed
		String asked = sayText("zhangsan", "/log 苏州恒达机械 来电");
		assertThat(asked).contains("可能是以下客户", "1. 苏州恒通精密机械有限公司").doesNotContain("已记录跟进");
	}

	@Test
	void anAmbiguousNameOffersNumberedChoicesAnsweredByTheNumber() {
		List<String> replies = say("zhangsan", "/log 云帆 报价收到了，下周给答复");
		String text = String.join("\n", replies);
		assertThat(text).contains("1. 杭州云帆", "2. 杭州云帆", "回复序号选择").doesNotContain("/log");
		String second = text.contains("2. 杭州云帆科技") ? "杭州云帆科技有限公司" : "杭州云帆物流有限公司";
		assertThat(sayText("zhangsan", "2")).contains(second);
		List<FollowUp> filed = mongo.find(Query.query(Criteria.where("customerId").is(customer(second).id())),
				FollowUp.class);
		assertThat(filed).extracting(FollowUp::text).containsExactly("报价收到了，下周给答复");
		// the question is answered: a second "2" is no longer a choice
		assertThat(sayText("zhangsan", "2")).doesNotContain("已记录跟进");
		assertThat(mongo.count(Query.query(Criteria.where("text").is("报价收到了，下周给答复")), FollowUp.class)).isEqualTo(1);
	}

	@Test
	void historyPagesThroughEveryFollowUp() {
		for (int i = 1; i <= 12; i++) {
			say("zhangsan", "/log 恒通 第" + i + "次跟进");
			advance(Duration.ofMinutes(1));
		}
		String first = sayText("zhangsan", "/全部跟进 恒通");
		assertThat(first).contains("第 1/2 页", "共 12 条", "第12次跟进", "第3次跟进", "下一页").doesNotContain("第2次跟进");
		String second = sayText("zhangsan", "/history 恒通 2");
		assertThat(second).contains("第 2/2 页", "第2次跟进", "第1次跟进").doesNotContain("第3次跟进", "下一页");
	}

	@Test
	void listFiltersByTagStageOwnerScoreAndDormancy() {
		say("zhangsan", "/tag 恒通 A");
		assertThat(sayText("zhangsan", "/列表 A")).contains("苏州恒通精密机械有限公司", "共 1 个").doesNotContain("云帆");
		assertThat(sayText("zhangsan", "/list 线索")).contains("共 3 个");
		assertThat(sayText("zhangsan", "/list 谈判")).contains("没有符合条件的客户");
		assertThat(sayText("zhao", "/list 张三")).contains("负责人 张三", "共 3 个");
		assertThat(sayText("zhao", "/list 李四")).contains("没有符合条件的客户");
		assertThat(sayText("zhangsan", "/list 评分>=1")).contains("共 3 个");
		assertThat(sayText("zhangsan", "/list 评分>=99")).contains("没有符合条件的客户");
		assertThat(sayText("zhangsan", "/list 30天未联系")).contains("没有符合条件的客户");
		advance(Duration.ofDays(31));
		say("zhangsan", "/log 云帆物流 还在考虑");
		String dormant = sayText("zhangsan", "/list 30天未联系");
		assertThat(dormant).contains("共 2 个", "恒通", "云帆科技").doesNotContain("云帆物流");
		assertThat(sayText("zhangsan", "/list 火星")).contains("看不懂条件「火星」");
		// a number opens that customer
		assertThat(sayText("zhangsan", "/list A")).contains("1. 苏州恒通");
		assertThat(sayText("zhangsan", "1")).contains("📇 苏州恒通精密机械有限公司");
	}

	@Test
	void fixCorrectsTheLastFiledFollowUpAndTheCustomerAndUndoTakesItBack() {
		say("zhangsan", "/log 恒通 王总说预算30万");
		FollowUp original = mongo.findOne(Query.query(Criteria.where("text").is("王总说预算30万")), FollowUp.class);
		Customer before = customer("苏州恒通精密机械有限公司");
		String fixed = sayText("zhangsan", "/修正 预算 60万 联系人 陈丽 电话 13800001111");
		assertThat(fixed).contains("苏州恒通精密机械有限公司", "联系人：陈丽", "138 0000 1111");
		Customer after = customer("苏州恒通精密机械有限公司");
		assertThat(after.budgetCny()).isEqualTo(600_000L);
		assertThat(after.contact()).isEqualTo("陈丽");
		assertThat(after.phone()).isEqualTo("+8613800001111");
		FollowUp f = mongo.findOne(Query.query(Criteria.where("text").is("王总说预算30万")), FollowUp.class);
		assertThat(f.extracted()).containsEntry("budget_cny", 600_000L).containsEntry("contact", "陈丽");
		// a named customer's fields, need by its label
		assertThat(sayText("zhangsan", "/fix 云帆物流 需求 报价 职务 经理")).contains("杭州云帆物流有限公司", "职务：经理");
		assertThat(customer("杭州云帆物流有限公司").title()).isEqualTo("经理");
		assertThat(sayText("zhangsan", "/fix 预算 很多")).contains("不是有效的预算");
		assertThat(sayText("zhangsan", "/fix 颜色 红")).contains("不能修正「颜色」");

		assertThat(sayText("zhangsan", "/撤销")).contains("已撤销", "杭州云帆物流有限公司");
		assertThat(customer("杭州云帆物流有限公司").title()).isNull();
		assertThat(sayText("zhangsan", "/undo")).contains("已撤销", "苏州恒通精密机械有限公司");
		Customer undone = customer("苏州恒通精密机械有限公司");
		assertThat(undone.budgetCny()).isEqualTo(before.budgetCny());
		assertThat(undone.contact()).isEqualTo("王总");
		assertThat(undone.phoneList()).isEqualTo(before.phoneList());
		FollowUp back = mongo.findOne(Query.query(Criteria.where("text").is("王总说预算30万")), FollowUp.class);
		assertThat(back.extracted()).isEqualTo(original.extracted());
		assertThat(sayText("zhangsan", "/undo")).contains("没有可撤销的修改");
	}

	@Test
	void aDeletedCustomerIsInvisibleUntilRestoredAndUndoHasAWindow() {
		String id = customer("苏州恒通精密机械有限公司").id();
		assertThat(sayText("zhangsan", "/删除 恒通")).contains("已删除客户「苏州恒通精密机械有限公司」");
		assertThat(sayText("zhangsan", "/find 恒通")).doesNotContain("苏州恒通精密机械有限公司");
		assertThat(sayText("zhangsan", "/list")).contains("共 2 个").doesNotContain("恒通");
		assertThat(sayText("boss", "/find 恒通")).doesNotContain("苏州恒通精密机械有限公司");
		// another rep cannot restore what he never saw
		assertThat(sayText("lisi", "/restore 恒通")).contains("没有可恢复");
		assertThat(sayText("zhangsan", "/恢复")).contains("1. 苏州恒通精密机械有限公司");
		assertThat(sayText("zhangsan", "1")).contains("已恢复客户「苏州恒通精密机械有限公司」");
		assertThat(customer("苏州恒通精密机械有限公司").id()).isEqualTo(id);
		assertThat(sayText("zhangsan", "/find 恒通")).contains("苏州恒通精密机械有限公司");

		say("zhangsan", "/delete 云帆物流");
		assertThat(customer("杭州云帆物流有限公司")).isNull();
		assertThat(sayText("zhangsan", "/undo")).contains("已撤销", "删除");
		assertThat(customer("杭州云帆物流有限公司")).isNotNull();

		say("zhangsan", "/delete 云帆科技");
		advance(Duration.ofMinutes(16));
		assertThat(sayText("zhangsan", "/undo")).contains("已超过 15 分钟");
		assertThat(customer("杭州云帆科技有限公司")).isNull();
		assertThat(sayText("zhangsan", "/restore 云帆科技")).contains("已恢复");
		assertThat(customer("杭州云帆科技有限公司")).isNotNull();
	}

	@Test
	void supervisorsTransferOneOrAllCustomersAuditedAndBothOwnersAreTold() {
		assertThat(sayText("zhangsan", "/transfer 恒通 李四")).contains("无权");
		String one = sayText("zhao", "/转移 恒通 李四");
		assertThat(one).contains("从 张三 转给 李四", "苏州恒通精密机械有限公司");
		assertThat(customer("苏州恒通精密机械有限公司").ownerId()).isEqualTo("lisi");
		assertThat(sayText("lisi", "/find 恒通")).contains("苏州恒通精密机械有限公司");
		assertThat(sayText("zhangsan", "/find 恒通")).doesNotContain("苏州恒通精密机械有限公司");
		outbox.drain();
		assertThat(inbox("lisi")).contains("赵主管", "转给了您", "苏州恒通精密机械有限公司");
		assertThat(inbox("zhangsan")).contains("转给了 李四");
		assertThat(mongo.findAll(AuditEntry.class)).anyMatch((e) -> e.userId().equals("zhao") && e.rows() == 1);

		// a rep leaves: all of his customers in one go
		String all = sayText("zhao", "/transfer 全部 张三 李四");
		assertThat(all).contains("已把 2 个客户从 张三 转给 李四");
		assertThat(mongo.count(Query.query(Criteria.where("ownerId").is("lisi")), Customer.class)).isEqualTo(3);
		// a supervisor of another department sees none of them
		assertThat(sayText("qian", "/transfer 全部 李四 孙丽")).contains("没有您可转移的客户");
		assertThat(sayText("zhao", "/undo")).contains("已撤销", "2 个客户");
		assertThat(mongo.count(Query.query(Criteria.where("ownerId").is("zhangsan")), Customer.class)).isEqualTo(2);
		assertThat(sayText("zhao", "/transfer 恒通 王五")).contains("没有名为「王五」的同事");
	}

	@Test
	void taskPriorityChangesAndUndoes() {
		assertThat(sayText("zhangsan", "/task 恒通 回访报价 明天下午3点")).contains("回访报价");
		Task t = mongo.findAll(Task.class).get(0);
		assertThat(t.priority()).isEqualTo(Task.Priority.NORMAL);
		String ref = t.id().substring(18);
		assertThat(sayText("zhangsan", "/优先级 " + ref + " 紧急")).contains("普通 → 紧急");
		assertThat(mongo.findById(t.id(), Task.class).priority()).isEqualTo(Task.Priority.URGENT);
		assertThat(mongo.findById(t.id(), Reminder.class).urgent()).isTrue();
		assertThat(sayText("zhangsan", "/priority " + ref + " 紧急")).contains("已经是紧急");
		assertThat(sayText("lisi", "/priority " + ref + " 普通")).doesNotContain("→");
		assertThat(sayText("zhangsan", "/undo")).contains("已撤销");
		assertThat(mongo.findById(t.id(), Task.class).priority()).isEqualTo(Task.Priority.NORMAL);
		assertThat(mongo.findById(t.id(), Reminder.class).urgent()).isFalse();
	}

}
