package com.crmbot.connector.wecom;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.testsupport.PlatformMessages;
import com.crmbot.testsupport.PlatformStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end inside the connectors module: encrypted callbacks in over HTTP, the fake bot
 * in the middle, the qyapi stub receiving what WxJava sends out.
 */
class WecomEndToEndTest extends WecomIntegrationTest {

	@Autowired
	MongoTemplate mongo;

	@Test
	void aTextMessageGetsTheBotsAnswerPassively() throws Exception {
		String nonce = "5550001";
		String[] qb = tc.callback(textXml("ChenJiaShun", "/help", "e2e-text-1"), "1700000100", nonce);
		HttpResponse<String> r = post(qb[0], qb[1]);
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(openReply(r, nonce)).contains("<MsgType><![CDATA[text]]></MsgType>")
			.contains("收到: /help")
			.contains("<FromUserName><![CDATA[" + CORP_ID + "]]></FromUserName>");
	}

	@Test
	void anAnswerWithButtonsGoesOutActivelyAsATemplateCard() throws Exception {
		bot.onMessage = (m) -> List.of(Reply.markdown("跟进提醒", "客户 **腾讯** 今天需要跟进")
			.withButtons(List.of(new Reply.Button("task:done:42", "完成", "/done 42"),
					new Reply.Button("task:snooze:42", "明天提醒", "/snooze 42 1d"))),
				Reply.text("第二条"));
		HttpResponse<String> r = deliver(textXml("ChenJiaShun", "/tasks", "e2e-card-1"));
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> outbox.find("wecom:reply:e2e-card-1:1").isPresent());
		assertThat(outbox.drain()).isEqualTo(2);
		List<PlatformStub.Call> sends = QYAPI.calls("/cgi-bin/message/send");
		assertThat(sends).hasSize(2);
		assertThat(sends.get(0).body()).contains("\"msgtype\":\"template_card\"")
			.contains("button_interaction")
			.contains("\"key\":\"task:done:42\"")
			.contains("\"key\":\"task:snooze:42\"")
			.contains("\"touser\":\"ChenJiaShun\"")
			.contains("\"agentid\":1000002");
		assertThat(sends.get(1).body()).contains("第二条");
		assertThat(sends.get(0).param("access_token")).startsWith("TOKEN-");
	}

	@Test
	void addExternalContactFetchesTheContactAndHandsAContactChangedEvent() throws Exception {
		QYAPI.defaultJson("/cgi-bin/externalcontact/get", WecomCallbackTest.contactJson("wmE2E", "李女士"));
		HttpResponse<String> r = deliver(
				WecomCallbackTest.contactEventXml("add_external_contact", "ChenJiaShun", "wmE2E", "1700000200"));
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(bot.events).singleElement().satisfies((e) -> {
			assertThat(e.type()).isEqualTo(ChatEvent.CONTACT_CHANGED);
			assertThat(e.platform()).isEqualTo(Platform.WECOM);
			assertThat(e.userId()).isEqualTo("ChenJiaShun");
			assertThat(e.attributes()).containsEntry("changeType", "add_external_contact")
				.containsEntry("externalUserId", "wmE2E")
				.containsEntry("name", "李女士")
				.containsEntry("corpName", "腾讯科技有限公司")
				.containsEntry("position", "采购经理")
				.containsEntry("mobiles", "13800000000,13900000000")
				.containsEntry("remark", "展会客户");
		});
		assertThat(QYAPI.calls("/cgi-bin/externalcontact/get")).singleElement()
			.satisfies((c) -> assertThat(c.param("external_userid")).isEqualTo("wmE2E"));
		// the same event again (WeCom retry): no second event
		deliver(WecomCallbackTest.contactEventXml("add_external_contact", "ChenJiaShun", "wmE2E", "1700000200"));
		assertThat(bot.events).hasSize(1);
		// deletion: no fetch, change type only
		deliver(WecomCallbackTest.contactEventXml("del_external_contact", "ChenJiaShun", "wmE2E", "1700000300"));
		assertThat(bot.events).hasSize(2);
		assertThat(bot.events.get(1).attributes()).containsEntry("changeType", "del_external_contact")
			.doesNotContainKey("name");
		assertThat(QYAPI.calls("/cgi-bin/externalcontact/get")).hasSize(1);
	}

	@Test
	void kfEventPullsEveryPageAndHandsEachCustomerMessageOnce() throws Exception {
		String kf = "wkE2E" + System.nanoTime();
		QYAPI.scriptJson("/cgi-bin/kf/sync_msg",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"c1\",\"has_more\":1,\"msg_list\":["
						+ kfText("kfm-1", kf, "wmCust1", "请问有报价吗", 3) + "," + kfText("kfm-2", kf, "wmCust1", "客服回复", 5)
						+ "]}",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"c2\",\"has_more\":1,\"msg_list\":[]}",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"c3\",\"has_more\":0,\"msg_list\":["
						+ kfText("kfm-3", kf, "wmCust2", "想要样品", 3) + "," + kfText("kfm-1", kf, "wmCust1", "请问有报价吗", 3)
						+ "]}");
		HttpResponse<String> r = deliver(kfEventXml(kf, "TOKEN_A", "1700000400"));
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(bot.messages).extracting(ChatMessage::messageId).containsExactly("kfm-1", "kfm-3");
		ChatMessage first = bot.messages.get(0);
		assertThat(first.senderId()).isEqualTo("wmCust1");
		assertThat(first.conversationId()).isEqualTo("wmCust1");
		assertThat(first.text()).isEqualTo("请问有报价吗");
		assertThat(first.extras()).containsEntry("origin", "customer")
			.containsEntry("openKfId", kf)
			.containsEntry("externalUserId", "wmCust1");
		List<PlatformStub.Call> pulls = QYAPI.calls("/cgi-bin/kf/sync_msg");
		assertThat(pulls).hasSize(3);
		assertThat(pulls.get(0).body()).contains("\"token\":\"TOKEN_A\"").contains("\"open_kfid\":\"" + kf + "\"");
		assertThat(pulls.get(1).body()).contains("\"cursor\":\"c1\"");
		assertThat(pulls.get(2).body()).contains("\"cursor\":\"c2\"");
		assertThat(mongo.findById(kf, KfCursor.class).cursor()).isEqualTo("c3");

		// the next event starts from the persisted cursor; a message seen before is not
		// handed again
		QYAPI.scriptJson("/cgi-bin/kf/sync_msg",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"c4\",\"has_more\":0,\"msg_list\":["
						+ kfText("kfm-3", kf, "wmCust2", "想要样品", 3) + "," + kfText("kfm-4", kf, "wmCust2", "谢谢", 3)
						+ "]}");
		deliver(kfEventXml(kf, "TOKEN_B", "1700000401"));
		assertThat(bot.messages).extracting(ChatMessage::messageId).containsExactly("kfm-1", "kfm-3", "kfm-4");
		assertThat(QYAPI.calls("/cgi-bin/kf/sync_msg").get(3).body()).contains("\"cursor\":\"c3\"");
	}

	@Test
	void aKfMessageWhoseFilingFailsIsPulledAndHandedAgainLater() throws Exception {
		String kf = "wkFail" + System.nanoTime();
		String page = "{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"n1\",\"has_more\":0,\"msg_list\":["
				+ kfText("kff-1", kf, "wmX", "第一条", 3) + "," + kfText("kff-2", kf, "wmX", "第二条", 3) + "]}";
		QYAPI.scriptJson("/cgi-bin/kf/sync_msg", page, page);
		bot.onMessage = (m) -> {
			if (m.messageId().equals("kff-2")) {
				throw new IllegalStateException("store hiccup");
			}
			return List.of();
		};
		deliver(kfEventXml(kf, "T1", "1700000450"));
		assertThat(mongo.findById(kf, KfCursor.class)).isNull(); // cursor not moved past
																	// the failed page
		bot.onMessage = (m) -> List.of();
		deliver(kfEventXml(kf, "T2", "1700000451"));
		assertThat(bot.messages).extracting(ChatMessage::messageId).containsExactly("kff-1", "kff-2", "kff-2");
		assertThat(mongo.findById(kf, KfCursor.class).cursor()).isEqualTo("n1");
	}

	@Test
	void enterAgentWithoutABotAnswerGetsTheDefaultWelcome() throws Exception {
		String xml = "<xml><ToUserName>" + CORP_ID
				+ "</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1700000600</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event><EventKey></EventKey><AgentID>1000002</AgentID></xml>";
		String[] qb = tc.callback(xml, "1700000600", "606");
		HttpResponse<String> r = post(qb[0], qb[1]);
		assertThat(bot.events).singleElement().satisfies((e) -> assertThat(e.type()).isEqualTo("enter_agent"));
		assertThat(openReply(r, "606")).contains("欢迎使用 crm-bot");
	}

	@Test
	void buttonClicksAndApprovalsBecomeNeutralEvents() throws Exception {
		bot.onEvent = (e) -> ChatEvent.APPROVAL_CHANGED.equals(e.type()) ? List.of(Reply.markdown("审批", "已通过"))
				: List.of();
		deliver("<xml><ToUserName>" + CORP_ID
				+ "</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1700000700</CreateTime><MsgType>event</MsgType><Event>template_card_event</Event><EventKey>task:done:42</EventKey><TaskId>crm_abc</TaskId><CardType>button_interaction</CardType><ResponseCode>RC1</ResponseCode><AgentID>1000002</AgentID></xml>");
		deliver("<xml><ToUserName>" + CORP_ID
				+ "</ToUserName><FromUserName>sys</FromUserName><CreateTime>1700000700</CreateTime><MsgType>event</MsgType><Event>sys_approval_change</Event><AgentID>1000002</AgentID><ApprovalInfo><SpNo>202311010001</SpNo><SpName>报价审批</SpName><SpStatus>2</SpStatus><TemplateId>tpl-1</TemplateId><Applyer><UserId>ChenJiaShun</UserId><Party>1</Party></Applyer></ApprovalInfo></xml>");
		assertThat(bot.events).hasSize(2);
		ChatEvent click = bot.events.get(0);
		assertThat(click.type()).isEqualTo(ChatEvent.BUTTON_CLICKED);
		assertThat(click.userId()).isEqualTo("ChenJiaShun");
		assertThat(click.attributes()).containsEntry("key", "task:done:42")
			.containsEntry("taskId", "crm_abc")
			.containsEntry("cardType", "button_interaction");
		ChatEvent approval = bot.events.get(1);
		assertThat(approval.type()).isEqualTo(ChatEvent.APPROVAL_CHANGED);
		assertThat(approval.attributes()).containsEntry("spNo", "202311010001")
			.containsEntry("spStatus", "2")
			.containsEntry("templateId", "tpl-1");
		// the bot's answer to a sys event goes to the applicant, never to "sys"
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			outbox.drain();
			return !QYAPI.calls("/cgi-bin/message/send").isEmpty();
		});
		assertThat(QYAPI.calls("/cgi-bin/message/send")).singleElement()
			.satisfies((c) -> assertThat(c.body()).contains("\"touser\":\"ChenJiaShun\"").contains("已通过"));
	}

	@Test
	void robotNoticesMergeIntoOneDigestAndImagesAreUploaded(@TempDir Path dir) throws Exception {
		outbox.enqueue("e2e-robot-1", Recipient.robot(Platform.WECOM, "sales"), Reply.text("新线索: 腾讯"));
		outbox.enqueue("e2e-robot-2", Recipient.robot(Platform.WECOM, "sales"), Reply.text("新线索: 阿里"));
		outbox.enqueue("e2e-robot-3", Recipient.robot(Platform.WECOM, "sales"), Reply.text("新线索: 百度"));
		Path png = dir.resolve("chart.png");
		Files.write(png, new byte[] { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 });
		outbox.enqueue("e2e-image-1", Recipient.user(Platform.WECOM, "ChenJiaShun"),
				new Reply("本周图表", Reply.Format.TEXT, null, null, png.toString()));
		outbox.drain();
		List<PlatformStub.Call> hooks = QYAPI.calls("/cgi-bin/webhook/send");
		assertThat(hooks).singleElement().satisfies((c) -> {
			assertThat(c.param("key")).isEqualTo("robot-key-sales");
			assertThat(c.body()).contains("markdown").contains("腾讯").contains("阿里").contains("百度");
		});
		assertThat(QYAPI.calls("/cgi-bin/media/upload")).hasSize(1);
		List<PlatformStub.Call> sends = QYAPI.calls("/cgi-bin/message/send");
		assertThat(sends).hasSize(2);
		assertThat(sends.get(0).body()).contains("\"msgtype\":\"image\"").contains("MEDIA-1");
		assertThat(sends.get(1).body()).contains("本周图表");
	}

	static String kfText(String msgId, String kf, String ext, String text, int origin) {
		return PlatformMessages.wecomKfText(msgId, kf, ext, text, origin);
	}

	static String kfEventXml(String kf, String token, String createTime) {
		return PlatformMessages.wecomKfEvent(CORP_ID, kf, token, createTime);
	}

}
