package com.crmbot.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.customer.Customer;
import com.crmbot.support.BotTestSupport;
import com.crmbot.task.Task;
import com.crmbot.task.TaskService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stages and their triggers, scoring and the pool, fields and tags: end to end through
 * the chat.
 */
class CrmWorkflowTest extends BotTestSupport {

	@Autowired
	TaskService tasks;

	@Override
	protected void extraCleanup() {
		for (String c : List.of(StageChange.COLLECTION, Task.COLLECTION, "audit_log")) {
			mongo.remove(new Query(), c);
		}
	}

	private Customer customer(String company) {
		return mongo.findOne(Query.query(Criteria.where("company").is(company)), Customer.class);
	}

	private List<String> pushesTo(String userId) {
		return mongo.find(Query.query(Criteria.where("recipient.id").is(userId)), OutboxEntry.class)
			.stream()
			.map((e) -> e.reply().text())
			.toList();
	}

	@Test
	void enteringStagesRunsTheirTriggersAndRecordsHistory() {
		say("zhangsan", "/new 苏州恒通精密机械有限公司 王建国 13812345678");
		String visit = sayText("zhangsan", "/stage 苏州恒通精密机械有限公司 拜访");
		assertThat(visit).contains("从「线索」推进到「拜访」").contains("已创建任务：发送调研问卷（负责人 张三");
		assertThat(tasks.openFor("zhangsan")).extracting(Task::title).containsExactly("发送调研问卷");

		String negotiate = sayText("zhangsan", "/stage 苏州恒通精密机械有限公司 谈判 50万");
		assertThat(negotiate).contains("推进到「谈判」")
			.contains("已创建法务审核：合同法务审核：苏州恒通精密机械有限公司（负责人 周总监")
			.contains("【合同草案】")
			.contains("甲方：苏州恒通精密机械有限公司")
			.contains("人民币 500,000 元")
			.contains("客户经理 张三");
		assertThat(tasks.openFor("boss")).singleElement().satisfies((t) -> {
			assertThat(t.title()).isEqualTo("合同法务审核：苏州恒通精密机械有限公司");
			assertThat(t.source()).isEqualTo("legal-review");
		});
		assertThat(pushesTo("boss")).anyMatch((t) -> t.contains("请审核合同"));
		assertThat(sayText("boss", "/tasks")).contains("合同法务审核：苏州恒通精密机械有限公司");
		// the amount recorded with the stage is a deal: above 200,000 the director
		// approves it
		assertThat(sayText("boss", "/approvals")).contains("苏州恒通精密机械有限公司");
		assertThat(mongo.count(
				org.springframework.data.mongodb.core.query.Query.query(
						org.springframework.data.mongodb.core.query.Criteria.where("customerName").is("苏州恒通精密机械有限公司")),
				"deals"))
			.isEqualTo(1);
		assertThat(customer("苏州恒通精密机械有限公司").dealAmount()).isEqualTo(500000L);

		assertThat(sayText("zhangsan", "/stage 苏州恒通精密机械有限公司 谈判")).contains("已经在「谈判」");
		assertThat(sayText("zhangsan", "/stage 苏州恒通精密机械有限公司 签约")).contains("没有阶段「签约」")
			.contains("线索 → 意向 → 拜访 → 方案 → 谈判 → 成交 → 输单");
		String history = sayText("zhangsan", "/stage 苏州恒通精密机械有限公司");
		assertThat(history).contains("线索 → 拜访（张三）").contains("拜访 → 谈判（张三）");
		assertThat(mongo.count(new Query(), StageChange.class)).isEqualTo(2);
		assertThat(tasks.openFor("zhangsan")).hasSize(1);
	}

	@Test
	void theScoreFollowsTheDataAndThePoolFillsWithNotification() {
		say("zhangsan", "/new 合肥明远软件有限公司 13511112222");
		assertThat(customer("合肥明远软件有限公司").score()).isEqualTo(5);
		assertThat(sayText("zhangsan", "/pool")).contains("重点跟进池是空的");

		say("zhangsan", "/set 合肥明远软件有限公司 预算 50万");
		assertThat(customer("合肥明远软件有限公司").score()).isEqualTo(25);
		assertThat(sayText("zhangsan", "/set 合肥明远软件有限公司 决策人 赵敏 总经理 13900001111")).contains("已更新");
		Customer c = customer("合肥明远软件有限公司");
		assertThat(c.score()).isEqualTo(35);
		assertThat(c.decisionMaker()).isTrue();
		assertThat(pushesTo("zhangsan")).anyMatch((t) -> t.contains("「合肥明远软件有限公司」评分 35，已进入重点跟进池"));

		assertThat(sayText("zhangsan", "/score 合肥明远软件有限公司")).contains("评分 35")
			.contains("✓ 联系人是决策人 +10")
			.contains("✓ 预算已知 +20")
			.contains("✓ 有联系电话 +5")
			.contains("· 30天未联系（不满足")
			.contains("在重点跟进池中");
		say("zhangsan", "/new 无锡华光电子有限公司 13700001111");
		assertThat(sayText("zhangsan", "/pool")).contains("共 1 个").contains("35 分  合肥明远软件有限公司").doesNotContain("无锡华光");
		assertThat(sayText("lisi", "/pool")).doesNotContain("合肥明远");
		assertThat(sayText("zhao", "/pool")).contains("合肥明远");

		// no contact for 40 days: -10, out of the pool
		Instant old = Instant.now().minus(40, ChronoUnit.DAYS);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(c.id())), new Update().set("lastContactAt", old),
				Customer.class);
		assertThat(sayText("zhangsan", "/score 合肥明远软件有限公司")).contains("评分 25")
			.contains("✓ 30天未联系 -10")
			.contains("未进入重点跟进池");
		// a follow-up is a contact: the score comes back
		say("zhangsan", "/log 合肥明远软件有限公司 电话沟通了需求");
		assertThat(customer("合肥明远软件有限公司").score()).isEqualTo(35);
	}

	@Test
	void fieldsAreValidatedOnEveryWriteAndTagsFollowTheirGroups() {
		say("zhangsan", "/new 杭州云帆教育科技有限公司 13512340000");
		assertThat(sayText("zhangsan", "/set 杭州云帆教育科技有限公司 规模 巨大")).contains("未保存：规模「巨大」不在允许值");
		assertThat(sayText("zhangsan", "/set 杭州云帆教育科技有限公司 预算 很多")).contains("不是数字/金额");
		// filed as education from its name; another industry has no 学员年龄段
		assertThat(customer("杭州云帆教育科技有限公司").industry()).isEqualTo("education");
		say("zhangsan", "/set 杭州云帆教育科技有限公司 行业 it");
		assertThat(sayText("zhangsan", "/set 杭州云帆教育科技有限公司 学员年龄段 小学")).contains("没有字段「学员年龄段」");
		say("zhangsan", "/set 杭州云帆教育科技有限公司 行业 education");
		assertThat(sayText("zhangsan", "/set 杭州云帆教育科技有限公司 学员年龄段 大学")).contains("不在允许值");
		assertThat(sayText("zhangsan", "/set 杭州云帆教育科技有限公司 学员年龄段 小学")).contains("已更新");
		assertThat(sayText("zhangsan", "/set 杭州云帆教育科技有限公司 首次接触 2026/03/01")).contains("已更新");
		assertThat(sayText("zhangsan", "/set 杭州云帆教育科技有限公司 size 51-200人")).contains("已更新");
		assertThat(customer("杭州云帆教育科技有限公司").fields()).containsEntry("studentAge", "小学")
			.containsEntry("firstContactAt", "2026-03-01")
			.containsEntry("size", "51-200人");

		say("zhangsan", "/tag 杭州云帆教育科技有限公司 A 报价");
		assertThat(customer("杭州云帆教育科技有限公司").tags()).containsExactly("A", "报价");
		say("zhangsan", "/tag 杭州云帆教育科技有限公司 B");
		assertThat(customer("杭州云帆教育科技有限公司").tags()).as("tier is exclusive").containsExactlyInAnyOrder("B", "报价");
		assertThat(sayText("zhangsan", "/tag 杭州云帆教育科技有限公司 VIP")).contains("标签「VIP」未在");
		assertThat(sayText("zhangsan", "/tag 杭州云帆教育科技有限公司 A C")).contains("只能选一个");
		say("zhangsan", "/tag 杭州云帆教育科技有限公司 -报价");
		assertThat(customer("杭州云帆教育科技有限公司").tags()).containsExactly("B");

		String show = sayText("zhangsan", "/show 杭州云帆教育科技有限公司");
		assertThat(show).contains("学员年龄段：小学")
			.as("the industry's label, not its code")
			.contains("行业：教育")
			.doesNotContain("education")
			.contains("规模：51-200人")
			.contains("首次接触：2026-03-01")
			.contains("标签：B")
			.contains("阶段：线索")
			.contains("成交金额：—");
	}

	@Test
	void theNewcomerNeverSeesOrWritesHiddenFields() {
		say("xiaowang", "/new 温州新客户鞋业有限公司 13544445555");
		assertThat(sayText("xiaowang", "/set 温州新客户鞋业有限公司 成交金额 10万")).contains("无权查看或修改字段");
		assertThat(customer("温州新客户鞋业有限公司").dealAmount()).isNull();
		say("boss", "/set 温州新客户鞋业有限公司 dealAmount 10万");
		assertThat(customer("温州新客户鞋业有限公司").dealAmount()).isEqualTo(100000L);
		assertThat(sayText("xiaowang", "/show 温州新客户鞋业有限公司")).doesNotContain("成交金额").doesNotContain("100000");
		assertThat(sayText("boss", "/show 温州新客户鞋业有限公司")).contains("成交金额：10万");
	}

	@Test
	void objectionsAreListedAndAnsweredInFollowUps() {
		assertThat(sayText("zhangsan", "/objections")).contains("价格偏高").contains("推荐应对：");
		say("zhangsan", "/new 合肥明远软件有限公司 13511112222");
		String logged = sayText("zhangsan", "/log 合肥明远软件有限公司 客户说你们太贵了");
		assertThat(logged).contains("价格偏高");
	}

}
