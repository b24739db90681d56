package com.crmbot.customer;

import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rep naming a customer she may not see learns neither its company nor its owner:
 * {@code /new} with a colleague's customer's phone gets a neutral answer and the owner is
 * told; {@code /show} answers the same for hidden and absent customers.
 */
class NoOracleTest extends BotTestSupport {

	@Test
	void newWithAHiddenCustomersPhoneNamesNeitherCompanyNorOwnerAndTellsTheOwner() {
		say("lisi", "/new 上海李四科技有限公司 13900001111");
		String answer = sayText("zhangsan", "/new 某某公司 13900001111");
		assertThat(answer).doesNotContain("上海李四科技").doesNotContain("李四").contains("已在系统中");
		assertThat(count(Customer.class)).isEqualTo(1);
		String outbox = mongo.findAll(org.bson.Document.class, OutboxEntry.COLLECTION).toString();
		assertThat(outbox).contains("张三 想新建您负责的客户「上海李四科技有限公司」").contains("某某公司 13900001111");
		// the owner herself still gets the plain answer
		assertThat(sayText("lisi", "/new 上海李四科技有限公司")).contains("客户已存在");
	}

	@Test
	void showAnswersTheSameForHiddenAndAbsentCustomers() {
		say("lisi", "/new 上海李四科技有限公司 13900001111");
		String hidden = sayText("zhangsan", "/show 上海李四科技有限公司");
		String absent = sayText("zhangsan", "/show 上海王五科技有限公司");
		assertThat(hidden.replace("上海李四科技有限公司", "X")).isEqualTo(absent.replace("上海王五科技有限公司", "X"));
		assertThat(sayText("zhangsan", "/show 13900001111"))
			.isEqualTo(sayText("zhangsan", "/show 13900002222").replace("13900002222", "13900001111"));
	}

	@Test
	void aPastedInquiryWithAHiddenCustomersPhoneFilesNothingNamesNothingAndTellsTheOwner() {
		say("lisi", "/new 上海李四科技有限公司 13900001111");
		Customer before = mongo.findAll(Customer.class).get(0);
		long followUps = count(com.crmbot.followup.FollowUp.class);
		String pasted = "王经理 13900001111 想要一份报价，预算20万，做教育的";

		String answer = sayText("zhangsan", pasted);

		assertThat(answer).doesNotContain("上海李四科技").doesNotContain("李四").contains("未归档");
		assertThat(count(com.crmbot.followup.FollowUp.class)).as("nothing filed").isEqualTo(followUps);
		Customer after = mongo.findAll(Customer.class).get(0);
		assertThat(after.budgetCny()).as("the hidden customer is not enriched").isEqualTo(before.budgetCny());
		assertThat(after.ownerId()).isEqualTo("lisi");
		assertThat(count(Customer.class)).isEqualTo(1);
		String outbox = mongo.findAll(org.bson.Document.class, OutboxEntry.COLLECTION).toString();
		assertThat(outbox).contains("张三 发来一条涉及您负责的客户「上海李四科技有限公司」").contains(pasted);
		assertThat(mongo.findAll(com.crmbot.access.AuditEntry.class)).anySatisfy((a) -> {
			assertThat(a.userId()).isEqualTo("zhangsan");
			assertThat(a.allowed()).isFalse();
			assertThat(a.action()).contains("inquiry");
		});
		// the owner's own paste is filed as before
		assertThat(sayText("lisi", pasted)).contains("上海李四科技有限公司");
		assertThat(count(com.crmbot.followup.FollowUp.class)).isEqualTo(followUps + 1);
	}

}
