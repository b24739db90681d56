package com.crmbot.platform;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.testsupport.PlatformMessages;
import com.crmbot.testsupport.PlatformStub;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real bot behind the real WeCom connector: callbacks encrypted and signed by the
 * tests' own javax.crypto code come in over HTTP on the bot's port; what the connector
 * sends out (externalcontact/get, kf/sync_msg, message/send) goes to a local stub for
 * qyapi.
 */
class WecomBotEndToEndTest extends PlatformTestSupport {

	static final String INQUIRY = "苏州恒通精密机械有限公司的王建国总经理来电，想了解MES系统，预算大概50万，电话138-1234-5678，但觉得价格比竞品高，太贵了。";

	private static String unique(String prefix) {
		return prefix + System.nanoTime();
	}

	/**
	 * The bot's answer to a callback: the decrypted passive reply when the connector
	 * answered within its budget, else the active message/send the outbox delivers to the
	 * stub. Either way it must be addressed to {@code user}.
	 */
	private String answerTo(HttpResponse<String> r, String nonce, String msgId, String user) throws Exception {
		assertThat(r.statusCode()).isEqualTo(200);
		if (!r.body().isEmpty()) {
			String plain = openPassiveReply(r, nonce);
			assertThat(plain).contains("<ToUserName><![CDATA[" + user + "]]></ToUserName>")
				.contains("<FromUserName><![CDATA[" + CORP_ID + "]]></FromUserName>");
			return between(plain, "<Content><![CDATA[", "]]></Content>");
		}
		await().atMost(WAIT).until(() -> outbox.find("wecom:reply:" + msgId + ":0").isPresent());
		outbox.drain();
		List<PlatformStub.Call> sends = STUB.calls("/cgi-bin/message/send");
		assertThat(sends).isNotEmpty();
		assertThat(sends).allSatisfy((c) -> assertThat(c.body()).contains("\"touser\":\"" + user + "\""));
		return String.join("\n", sends.stream().map(PlatformStub.Call::body).toList());
	}

	@Test
	void aRepsEncryptedHelpGetsTheBotsHelpText() throws Exception {
		String msgId = unique("7000");
		String nonce = "1234567";
		HttpResponse<String> r = deliverWecom(wecomText("ZhangSan", "/help", msgId), nonce);
		String answer = answerTo(r, nonce, msgId, "ZhangSan");
		assertThat(answer).contains("可用的命令").contains("/find").contains("/log").doesNotContain("/config");
		// the real bot answered: the sender was recognised as zhangsan (张三), not "unknown
		// user"
		assertThat(answer).contains("张三");
	}

	@Test
	void anInquiryFromARepIsFiledOnceHoweverOftenWecomDeliversIt() throws Exception {
		String msgId = unique("7100");
		String xml = wecomText("ZhangSan", INQUIRY, msgId);
		HttpResponse<String> first = deliverWecom(xml, "2000001");
		String answer = answerTo(first, "2000001", msgId, "ZhangSan");
		assertThat(answer).contains("已归档跟进").contains("苏州恒通精密机械有限公司");
		awaitProcessed("wecom:msg:" + msgId);

		// WeCom retries: the same callback twice more (same XML, freshly signed)
		HttpResponse<String> second = deliverWecom(xml, "2000002");
		HttpResponse<String> third = deliverWecom(xml, "2000003");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(third.statusCode()).isEqualTo(200);
		assertThat(second.body()).isEmpty();
		assertThat(third.body()).isEmpty();

		FollowUp f = assertOneFiledInquiry("wecom", msgId, INQUIRY);
		assertThat(f.authorId()).isEqualTo("ZhangSan");
		// and nothing was answered twice
		outbox.drain();
		assertThat(
				mongo.count(new Query(Criteria.where("_id").regex("^wecom:reply:" + msgId + ":")), OutboxEntry.class))
			.isLessThanOrEqualTo(1);
	}

	@Test
	void aCsvFileSentInWecomIsDownloadedAndCheckedForImport() throws Exception {
		String msgId = unique("7200");
		STUB.file("/cgi-bin/media/get", "客户名称,联系人,电话\n杭州星河电子科技有限公司,李女士,139 0571 8888\n宁波港联物流有限公司,周经理,13800138000\n"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String xml = "<xml><ToUserName><![CDATA[" + CORP_ID
				+ "]]></ToUserName><FromUserName><![CDATA[ZhangSan]]></FromUserName><CreateTime>"
				+ (System.currentTimeMillis() / 1000)
				+ "</CreateTime><MsgType><![CDATA[file]]></MsgType><MediaId><![CDATA[MEDIA-LEADS]]></MediaId>"
				+ "<FileName><![CDATA[leads.csv]]></FileName><MsgId>" + msgId
				+ "</MsgId><AgentID>1000002</AgentID></xml>";
		String answer = answerTo(deliverWecom(xml, "3000001"), "3000001", msgId, "ZhangSan");
		assertThat(answer).contains("导入体检报告").contains("leads.csv").contains("将新建 2 个");
		assertThat(STUB.calls("/cgi-bin/media/get")).singleElement()
			.satisfies((c) -> assertThat(c.query()).contains("media_id=MEDIA-LEADS"));
		// checked, not imported before the user confirms
		assertThat(count(Customer.class)).isZero();
	}

	static String contactEventXml(String changeType, String rep, String ext, long createTime) {
		return "<xml><ToUserName><![CDATA[" + CORP_ID
				+ "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>" + createTime
				+ "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA["
				+ changeType + "]]></ChangeType><UserID><![CDATA[" + rep + "]]></UserID><ExternalUserID><![CDATA[" + ext
				+ "]]></ExternalUserID><State><![CDATA[expo]]></State><WelcomeCode><![CDATA[WC]]></WelcomeCode></xml>";
	}

	static String contactJson(String ext, String rep) {
		return "{\"errcode\":0,\"errmsg\":\"ok\",\"external_contact\":{\"external_userid\":\"" + ext
				+ "\",\"name\":\"李女士\",\"position\":\"采购经理\",\"type\":1,\"corp_name\":\"星河\",\"corp_full_name\":\"杭州星河电子科技有限公司\"},"
				+ "\"follow_user\":[{\"userid\":\"" + rep
				+ "\",\"remark\":\"展会客户李女士\",\"description\":\"d\",\"createtime\":1700000000,"
				+ "\"remark_mobiles\":[\"139-0571-8888\"],\"add_way\":1}],\"next_cursor\":\"\"}";
	}

	@Test
	void addExternalContactCreatesTheCustomerOwnedByTheRepOnce() throws Exception {
		String ext = unique("wmE2E");
		STUB.defaultJson("/cgi-bin/externalcontact/get", contactJson(ext, "ZhangSan"));
		long t = System.currentTimeMillis() / 1000;
		String xml = contactEventXml("add_external_contact", "ZhangSan", ext, t);
		HttpResponse<String> r = deliverWecom(xml, "3000001");
		assertThat(r.statusCode()).isEqualTo(200);
		await().atMost(WAIT).until(() -> count(Customer.class) == 1);

		Customer c = mongo.findOne(new Query(), Customer.class);
		assertThat(c.externalUserId()).isEqualTo(ext);
		assertThat(c.ownerId()).isEqualTo("zhangsan");
		assertThat(c.department()).isEqualTo("east");
		assertThat(c.phones()).containsExactly("+8613905718888");
		assertThat(c.company()).isEqualTo("杭州星河电子科技有限公司");
		assertThat(c.stage()).isEqualTo("线索");
		assertThat(c.source()).isEqualTo("wecom-contact");
		assertThat(STUB.calls("/cgi-bin/externalcontact/get")).singleElement()
			.satisfies((call) -> assertThat(call.param("external_userid")).isEqualTo(ext));

		// the rep is told (passively is impossible: the event's sender is "sys")
		await().atMost(WAIT).until(() -> {
			outbox.drain();
			return !STUB.calls("/cgi-bin/message/send").isEmpty();
		});
		assertThat(STUB.calls("/cgi-bin/message/send")).singleElement()
			.satisfies((call) -> assertThat(call.body()).contains("\"touser\":\"ZhangSan\"").contains("建档为线索"));

		// the same event delivered again (WeCom retry): nothing new
		assertThat(deliverWecom(xml, "3000002").statusCode()).isEqualTo(200);
		// a second add event for the same contact (a new event, e.g. re-added later):
		// same customer
		String again = contactEventXml("add_external_contact", "ZhangSan", ext, t + 1);
		assertThat(deliverWecom(again, "3000003").statusCode()).isEqualTo(200);
		await().atMost(WAIT).until(() -> STUB.calls("/cgi-bin/externalcontact/get").size() == 2 && settled());
		assertThat(count(Customer.class)).isEqualTo(1);
		Customer after = mongo.findOne(new Query(), Customer.class);
		assertThat(after.id()).isEqualTo(c.id());
		assertThat(after.externalUserId()).isEqualTo(ext);
		assertThat(after.ownerId()).isEqualTo("zhangsan");
		assertThat(after.phones()).containsExactly("+8613905718888");
		// the rep is told once more, that the record was updated (the retry told nothing)
		outbox.drain();
		List<PlatformStub.Call> sends = STUB.calls("/cgi-bin/message/send");
		assertThat(sends).hasSize(2);
		assertThat(sends.get(1).body()).contains("\"touser\":\"ZhangSan\"").contains("已更新客户");
	}

	static String kfText(String msgId, String kf, String ext, String text, int origin) {
		return PlatformMessages.wecomKfText(msgId, kf, ext, text, origin);
	}

	static String kfEventXml(String kf, String token, long createTime) {
		return PlatformMessages.wecomKfEvent(CORP_ID, kf, token, Long.toString(createTime));
	}

	@Test
	void kfMessagesAreFiledOnTheCustomersRecordAndTheOwnerIsNotified() throws Exception {
		String kf = unique("wkE2E");
		String cust = unique("wmCust");
		String m1 = unique("kfm1-");
		String m2 = unique("kfm2-");
		String m3 = unique("kfm3-");
		STUB.scriptJson("/cgi-bin/kf/sync_msg",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"c1\",\"has_more\":1,\"msg_list\":["
						+ kfText(m1, kf, cust, "请问你们的MES系统怎么报价", 3) + ","
						+ kfText(unique("kfsrv-"), kf, cust, "客服：您好，请稍等", 5) + "]}",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"c2\",\"has_more\":0,\"msg_list\":["
						+ kfText(m2, kf, cust, "我们是宁波的工厂，想要试用", 3) + "," + kfText(m1, kf, cust, "请问你们的MES系统怎么报价", 3)
						+ "]}");
		long t = System.currentTimeMillis() / 1000;
		HttpResponse<String> r = deliverWecom(kfEventXml(kf, "KFTOKEN", t), "4000001");
		assertThat(r.statusCode()).isEqualTo(200);
		await().atMost(WAIT).until(() -> count(FollowUp.class) == 2 && settled());

		assertThat(STUB.calls("/cgi-bin/kf/sync_msg")).hasSize(2);
		assertThat(count(Customer.class)).isEqualTo(1);
		Customer c = mongo.findOne(new Query(), Customer.class);
		assertThat(c.externalUserId()).isEqualTo(cust);
		assertThat(c.ownerId()).isEqualTo("zhao"); // bot.yaml defaultNotifyUser for a new
													// customer
		List<FollowUp> filed = mongo.find(new Query().with(org.springframework.data.domain.Sort.by("at")),
				FollowUp.class);
		assertThat(filed).allSatisfy((f) -> {
			assertThat(f.customerId()).isEqualTo(c.id());
			assertThat(f.kind()).isEqualTo(FollowUp.Kind.CUSTOMER_MESSAGE);
			assertThat(f.platform()).isEqualTo("wecom");
		});
		assertThat(filed).extracting(FollowUp::platformMessageId).containsExactlyInAnyOrder(m1, m2);
		assertThat(filed).extracting(FollowUp::text).containsExactlyInAnyOrder("请问你们的MES系统怎么报价", "我们是宁波的工厂，想要试用");

		// the owner (赵主管, WeCom ZhaoZhuGuan) is told, through the outbox, in WeCom
		await().atMost(WAIT).until(() -> {
			outbox.drain();
			return STUB.calls("/cgi-bin/message/send").size() >= 2;
		});
		List<PlatformStub.Call> sends = STUB.calls("/cgi-bin/message/send");
		assertThat(sends).hasSize(2);
		assertThat(sends).allSatisfy((s) -> assertThat(s.body()).contains("\"touser\":\"ZhaoZhuGuan\""));
		String all = String.join("\n", sends.stream().map(PlatformStub.Call::body).toList());
		assertThat(all).contains("请问你们的MES系统怎么报价").contains("我们是宁波的工厂，想要试用").doesNotContain("请稍等");

		// the same event again: pulled from the persisted cursor, nothing filed or
		// notified twice
		STUB.scriptJson("/cgi-bin/kf/sync_msg",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"c3\",\"has_more\":0,\"msg_list\":["
						+ kfText(m2, kf, cust, "我们是宁波的工厂，想要试用", 3) + "," + kfText(m3, kf, cust, "谢谢", 3) + "]}");
		deliverWecom(kfEventXml(kf, "KFTOKEN2", t + 1), "4000002");
		await().atMost(WAIT).until(() -> count(FollowUp.class) == 3 && settled());
		assertThat(STUB.calls("/cgi-bin/kf/sync_msg").get(2).body()).contains("\"cursor\":\"c2\"");
		outbox.drain();
		assertThat(STUB.calls("/cgi-bin/message/send")).hasSize(3);
		assertThat(count(Customer.class)).isEqualTo(1);
	}

	@Test
	void aKfMessageFromAKnownContactGoesOnThatRecordAndToItsOwningRep() throws Exception {
		String ext = unique("wmKnown");
		STUB.defaultJson("/cgi-bin/externalcontact/get", contactJson(ext, "ZhangSan"));
		long t = System.currentTimeMillis() / 1000;
		deliverWecom(contactEventXml("add_external_contact", "ZhangSan", ext, t), "5000001");
		await().atMost(WAIT).until(() -> count(Customer.class) == 1 && settled());
		Customer c = mongo.findOne(new Query(), Customer.class);
		assertThat(c.ownerId()).isEqualTo("zhangsan");
		outbox.drain();
		STUB.reset();

		String kf = unique("wkKnown");
		String msgId = unique("kfk-");
		STUB.scriptJson("/cgi-bin/kf/sync_msg",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"k1\",\"has_more\":0,\"msg_list\":["
						+ kfText(msgId, kf, ext, "你们的报价太贵了，能便宜点吗", 3) + "]}");
		deliverWecom(kfEventXml(kf, "KFTOKEN3", t), "5000002");
		await().atMost(WAIT).until(() -> count(FollowUp.class) == 1 && settled());

		assertThat(count(Customer.class)).isEqualTo(1);
		FollowUp f = mongo.findOne(new Query(), FollowUp.class);
		assertThat(f.customerId()).isEqualTo(c.id());
		assertThat(f.kind()).isEqualTo(FollowUp.Kind.CUSTOMER_MESSAGE);
		assertThat(f.platform()).isEqualTo("wecom");
		assertThat(f.platformMessageId()).isEqualTo(msgId);
		assertThat(f.objections()).contains("price");

		await().atMost(WAIT).until(() -> {
			outbox.drain();
			return !STUB.calls("/cgi-bin/message/send").isEmpty();
		});
		assertThat(STUB.calls("/cgi-bin/message/send")).singleElement()
			.satisfies((s) -> assertThat(s.body()).contains("\"touser\":\"ZhangSan\"")
				.contains("你们的报价太贵了，能便宜点吗")
				.contains("杭州星河电子科技有限公司")
				.contains("价值对比"));
	}

}
