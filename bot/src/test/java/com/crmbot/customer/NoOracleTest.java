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

}
