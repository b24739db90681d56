package com.crmbot.conversation;

import java.util.List;

import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot end to end through the local connector's HTTP API: commands and inquiry filing.
 */
class LocalChatEndToEndTest extends BotTestSupport {

	private static final String INQUIRY = "苏州恒通精密机械有限公司的王建国总经理来电，想了解MES系统，预算大概50万，电话138-1234-5678，但觉得价格比竞品高，太贵了。";

	@Test
	void helpIsGeneratedFromTheCommandsDeclarations() {
		String help = sayText("zhangsan", "/help");
		assertThat(help).contains("/find <名称|电话|公司>（/查找 /查）— 查找我可见的客户及最近跟进")
			.contains("/new ")
			.contains("/log <客户> <内容>")
			.contains("/tpl ")
			.contains("/whoami")
			.doesNotContain("/config");
		assertThat(sayText("zhangsan", "/帮助")).isEqualTo(help);
		assertThat(sayText("zhangsan", "/help find")).contains("/查找").contains("权限：所有人");
		assertThat(sayText("admin", "/help")).contains("/config reload").contains("find customers I may see");
	}

	@Test
	void anInquiryIsFiledAsAFollowUpOnANewLeadWithTheObjectionResponse() {
		List<String> replies = say("zhangsan", INQUIRY, "msg-001");
		assertThat(replies).hasSize(1);
		assertThat(replies.get(0)).contains("已归档跟进")
			.contains("苏州恒通精密机械有限公司")
			.contains("138 1234 5678")
			.contains("价值对比 + 阶梯折扣");

		Customer c = mongo.findOne(new Query(), Customer.class);
		assertThat(c.company()).isEqualTo("苏州恒通精密机械有限公司");
		assertThat(c.phones()).containsExactly("+8613812345678");
		assertThat(c.ownerId()).isEqualTo("zhangsan");
		assertThat(c.department()).isEqualTo("east");
		assertThat(c.stage()).isEqualTo("线索");
		FollowUp f = mongo.findOne(new Query(), FollowUp.class);
		assertThat(f.customerId()).isEqualTo(c.id());
		assertThat(f.kind()).isEqualTo(FollowUp.Kind.INQUIRY);
		assertThat(f.text()).isEqualTo(INQUIRY);
		assertThat(f.platform()).isEqualTo("local");
		assertThat(f.platformMessageId()).isEqualTo("msg-001");
		assertThat(f.authorId()).isEqualTo("zhangsan");
		assertThat(f.at()).isNotNull();
		assertThat(f.extracted()).containsEntry("company", "苏州恒通精密机械有限公司")
			.containsEntry("phone", "+8613812345678")
			.containsKeys("contact", "title", "decision_maker", "budget_cny", "need_type", "objections", "region",
					"industry");
		assertThat(f.objections()).contains("price");
	}

	@Test
	void theSameMessageIdNeverFilesTwice() {
		say("zhangsan", INQUIRY, "msg-dup");
		String again = sayText("zhangsan", INQUIRY, "msg-dup");
		assertThat(again).contains("已经归档过");
		assertThat(count(FollowUp.class)).isEqualTo(1);
		assertThat(count(Customer.class)).isEqualTo(1);
	}

	@Test
	void aSecondInquiryWithThePhoneInAnotherFormatGoesToTheSameCustomer() {
		say("zhangsan", INQUIRY);
		String reply = sayText("zhangsan", "恒通那边又来电话了，+86 138 1234 5678，问能不能下周来演示。");
		assertThat(reply).contains("已有客户");
		assertThat(count(Customer.class)).isEqualTo(1);
		assertThat(count(FollowUp.class)).isEqualTo(2);
	}

	private String sayText(String user, String text, String id) {
		return String.join("\n", say(user, text, id));
	}

	@Test
	void findShowsTheCustomerWithItsFollowUps() {
		say("zhangsan", INQUIRY);
		String found = sayText("zhangsan", "/find 恒通");
		assertThat(found).contains("找到 1 个客户").contains("苏州恒通精密机械有限公司").contains("【咨询】").contains("想了解MES");
		assertThat(sayText("zhangsan", "/查找 13812345678")).contains("苏州恒通精密机械有限公司");
		assertThat(sayText("zhangsan", "/find 不存在的公司")).contains("没有找到");
		assertThat(sayText("zhangsan", "/find")).contains("用法：/find");
	}

	@Test
	void newCreatesACustomerOnceAndAnswersUsageWithoutArguments() {
		String created = sayText("lisi", "/new 杭州云帆科技有限公司 陈经理 13900001111");
		assertThat(created).contains("已新建客户").contains("杭州云帆科技有限公司").contains("139 0000 1111");
		Customer c = mongo.findOne(Query.query(Criteria.where("company").is("杭州云帆科技有限公司")), Customer.class);
		assertThat(c.ownerId()).isEqualTo("lisi");
		assertThat(sayText("lisi", "/新建 杭州云帆科技有限公司")).contains("客户已存在");
		assertThat(count(Customer.class)).isEqualTo(1);
		assertThat(sayText("lisi", "/new")).contains("用法：/new");
		assertThat(sayText("lisi", "/新建宁波港联物流有限公司")).contains("已新建客户").contains("宁波港联物流有限公司");
	}

	@Test
	void logAddsANoteAndAnswersObjectionsFromTheYaml() {
		say("zhangsan", "/new 无锡华光电子有限公司 13700002222");
		String logged = sayText("zhangsan", "/log 华光 今天电话沟通，对方说预算不够，明年再说");
		assertThat(logged).contains("已记录跟进").contains("无锡华光电子有限公司").contains("推荐分期方案");
		FollowUp note = mongo.findOne(Query.query(Criteria.where("kind").is("NOTE")), FollowUp.class);
		assertThat(note.text()).isEqualTo("今天电话沟通，对方说预算不够，明年再说");
		assertThat(note.objections()).contains("budget");
		assertThat(sayText("zhangsan", "/跟进 无此客户 内容")).contains("没有找到客户「无此客户」");
		assertThat(sayText("zhangsan", "/log 华光")).contains("用法：/log");
	}

	@Test
	void tplListsTemplatesAndFillsAQuoteReportingMissingFields() {
		assertThat(sayText("zhangsan", "/tpl")).contains("报价单").contains("异议话术").contains("合同");
		say("zhangsan", "/new 常州新能光伏有限公司 13600003333");
		List<String> quote = say("zhangsan", "/tpl quote 常州新能光伏");
		assertThat(quote.get(0)).contains("【报价单】常州新能光伏有限公司").contains("张三").doesNotContain("${");
		assertThat(quote.get(1)).contains("暂无数据").contains("预算").doesNotContain("budget");
		assertThat(sayText("zhangsan", "/模板 nosuch 常州")).contains("没有模板「nosuch」");
	}

	@Test
	void whoamiTellsRoleAndScope() {
		assertThat(sayText("xiaowang", "/whoami")).contains("小王").contains("新人").contains("最近 30 天");
		assertThat(sayText("admin", "/whoami")).contains("Role: 管理员").contains("all customers");
	}

	@Test
	void anUnknownCommandGetsTheNearestCommandAndItsUsage() {
		assertThat(sayText("zhangsan", "/fnd 恒通")).contains("没有命令 /fnd").contains("/find <名称|电话|公司>");
		assertThat(sayText("zhangsan", "/hepl")).contains("/help");
		assertThat(sayText("zhangsan", "/")).contains("/help");
	}

	@Test
	void textWithoutAnyCustomerIdentityIsNotFiled() {
		assertThat(sayText("zhangsan", "今天天气不错")).contains("未归档");
		assertThat(count(FollowUp.class)).isZero();
		assertThat(count(Customer.class)).isZero();
	}

}
