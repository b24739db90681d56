package com.crmbot.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connector's inbound batch filed in bulk ({@link InboundMessageHandler#handleAll})
 * ends exactly as the same messages handled one by one: new customers and follow-ups, a
 * second message about a customer the batch just created, a short-name mention of it, a
 * command between inquiries, a re-delivered message.
 */
class BatchFilingTest extends BotTestSupport {

	@Autowired
	private InboundMessageHandler handler;

	private static ChatMessage msg(String id, String text) {
		return ChatMessage.text(id, Platform.WECOM, "ZhangSan", text, Instant.now());
	}

	private static String text(List<Reply> replies) {
		List<String> out = new ArrayList<>();
		for (Reply r : replies) {
			out.add(r.toString());
		}
		return String.join("\n", out);
	}

	private Customer customer(String company) {
		return mongo.findOne(Query.query(Criteria.where("company").is(company)), Customer.class);
	}

	private long followUps(Customer c) {
		return mongo.count(Query.query(Criteria.where("customerId").is(c.id())), FollowUp.class);
	}

	@Test
	void aBatchIsFiledInBulkAsOneByOneWouldFileIt() {
		List<ChatMessage> batch = List.of(msg("b1", "苏州长风精密机械有限公司的王建国总经理来电，想了解MES系统，预算大概50万，电话13920000001"),
				msg("b2", "杭州云帆物流有限公司的陈丽说想看看仓储系统，电话13920000002"),
				// the same customer as b1, by its phone: filed there, not a second
				// customer
				msg("b3", "王建国又来电话了，电话13920000001，想下周来参观"), msg("b4", "/help"),
				// a short name of the customer b2 created
				msg("b5", "云帆的陈丽说预算可以到30万"), msg("b6", "深圳海川电子科技有限公司的刘洋想了解CRM，电话13920000006"));
		List<InboundMessageHandler.Handled> handled = handler.handleAll(batch);

		assertThat(handled).hasSize(6).allSatisfy((h) -> assertThat(h.failure()).isNull());
		Customer changfeng = customer("苏州长风精密机械有限公司");
		Customer yunfan = customer("杭州云帆物流有限公司");
		Customer haichuan = customer("深圳海川电子科技有限公司");
		assertThat(changfeng).isNotNull();
		assertThat(yunfan).isNotNull();
		assertThat(haichuan).isNotNull();
		assertThat(mongo.count(new Query(), Customer.class)).isEqualTo(3);
		assertThat(followUps(changfeng)).isEqualTo(2);
		assertThat(followUps(yunfan)).isEqualTo(2);
		assertThat(followUps(haichuan)).isEqualTo(1);
		assertThat(changfeng.score()).isPositive();
		// answers: new lead, new lead, existing customer, the help card, existing, new
		assertThat(text(handled.get(0).replies())).contains("新建线索");
		assertThat(text(handled.get(2).replies())).contains("已有客户");
		assertThat(handled.get(3).replies()).isNotEmpty();
		assertThat(text(handled.get(4).replies())).contains("已有客户");
		assertThat(text(handled.get(5).replies())).contains("新建线索");

		// WeCom delivers two of them again (with a new one): filed once, answered as
		// duplicates
		List<InboundMessageHandler.Handled> again = handler
			.handleAll(List.of(batch.get(0), batch.get(1), msg("b7", "宁波明远模具有限公司的赵总想了解报价，电话13920000007")));
		assertThat(again).allSatisfy((h) -> assertThat(h.failure()).isNull());
		assertThat(text(again.get(0).replies())).contains("已经归档过");
		assertThat(text(again.get(1).replies())).contains("已经归档过");
		assertThat(text(again.get(2).replies())).contains("新建线索");
		assertThat(followUps(changfeng)).isEqualTo(2);
		assertThat(mongo.count(new Query(), FollowUp.class)).isEqualTo(6);
		assertThat(mongo.count(new Query(), Customer.class)).isEqualTo(4);
	}

}
