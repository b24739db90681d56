package com.crmbot.platform;

import com.crmbot.testsupport.PlatformStub;

import java.time.Instant;
import java.util.List;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.MessageType;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One reply, three renderings: the bot's card for a filed inquiry and its {@code /help}
 * go out through the real WeCom (WxJava) and DingTalk (SDK) connectors to the local
 * stand-in, and to the web chat as an HTML card. Asserted on the platforms' own payloads.
 */
class StructuredRepliesOnPlatformsTest extends PlatformTestSupport {

	@Autowired
	InboundMessageHandler handler;

	@Override
	protected void extraCleanup() {
		mongo.remove(new org.springframework.data.mongodb.core.query.Query(), Customer.class);
		mongo.remove(new org.springframework.data.mongodb.core.query.Query(), FollowUp.class);
	}

	private List<Reply> ask(String text) {
		return ask("zhangsan", text);
	}

	private List<Reply> ask(String user, String text) {
		ChatMessage m = new ChatMessage("card-" + System.nanoTime(), Platform.LOCAL, user, user, text, Instant.now(),
				MessageType.TEXT, false, null, null);
		return handler.handle(m);
	}

	private void push(String key, Reply reply) {
		outbox.enqueue(key + ":wecom", Recipient.user(Platform.WECOM, "ZhangSan"), reply);
		outbox.enqueue(key + ":dingtalk", Recipient.user(Platform.DINGTALK, "0101"), reply);
		outbox.drain();
	}

	/**
	 * The platform call carrying our push (filing may notify others too): the one on that
	 * path whose body mentions the words.
	 */
	private JsonNode sent(String path, String words) {
		List<PlatformStub.Call> calls = STUB.calls(path).stream().filter((c) -> c.body().contains(words)).toList();
		assertThat(calls).as(path + " with " + words).hasSize(1);
		return JSON.readTree(calls.get(0).body());
	}

	@Test
	void aFiledInquiryIsAWecomMarkdownADingTalkMarkdownAndAnHtmlCard() throws Exception {
		List<Reply> replies = ask(WecomBotEndToEndTest.INQUIRY);
		assertThat(replies).hasSize(1);
		Reply card = replies.get(0);
		assertThat(card.structured()).isTrue();
		assertThat(card.title()).startsWith("✅ 已归档跟进");
		assertThat(card.fields()).contains(new Reply.Field("客户", "苏州恒通精密机械有限公司"),
				new Reply.Field("电话", "138 1234 5678"), new Reply.Field("预算", "50万"));
		assertThat(card.text()).contains("客户：苏州恒通精密机械有限公司", "电话：138 1234 5678");

		push("card-inquiry", card);

		JsonNode wecom = sent("/cgi-bin/message/send", "已归档跟进");
		assertThat(wecom.get("msgtype").asString()).isEqualTo("markdown");
		assertThat(wecom.get("markdown").get("content").asString()).startsWith("**✅ 已归档跟进")
			.contains("**客户**：苏州恒通精密机械有限公司\n")
			.contains("**电话**：138 1234 5678\n")
			.contains("**应对建议**")
			.contains("- 💡 客户异议");

		JsonNode dingtalk = sent("/v1.0/robot/oToMessages/batchSend", "已归档跟进");
		assertThat(dingtalk.get("msgKey").asString()).isEqualTo("sampleMarkdown");
		JsonNode param = JSON.readTree(dingtalk.get("msgParam").asString());
		assertThat(param.get("title").asString()).startsWith("✅ 已归档跟进");
		assertThat(param.get("text").asString()).contains("**客户**：苏州恒通精密机械有限公司  \n").contains("**预算**：50万  \n");

		// the web chat: the same card as HTML
		JsonNode web = postAs("zhangsan", "/api/local/messages", map("text", "/find 恒通")).json();
		String html = web.get("replies").get(0).get("html").asString();
		assertThat(html).startsWith("<div class=\"card\">")
			.contains("<div class=\"card-title\">找到 1 个客户（恒通）：</div>")
			.contains("<h4>📇 苏州恒通精密机械有限公司</h4>")
			.contains("<dt>电话</dt><dd>138 1234 5678</dd>")
			.contains("<li>");
	}

	@Test
	void aCardWithButtonsIsAWecomTemplateCardAndADingTalkActionCard() throws Exception {
		Reply card = ask(WecomBotEndToEndTest.INQUIRY).get(0)
			.withButtons(List.of(new Reply.Button("find:1", "查看", "/find 恒通")));
		push("card-buttons", card);

		JsonNode wecom = sent("/cgi-bin/message/send", "已归档跟进");
		assertThat(wecom.get("msgtype").asString()).isEqualTo("template_card");
		JsonNode tc = wecom.get("template_card");
		assertThat(tc.get("card_type").asString()).isEqualTo("button_interaction");
		assertThat(tc.get("main_title").get("title").asString()).startsWith("✅ 已归档跟进");
		JsonNode rows = tc.get("horizontal_content_list");
		assertThat(rows.get(0).get("keyname").asString()).isEqualTo("客户");
		assertThat(rows.get(0).get("value").asString()).isEqualTo("苏州恒通精密机械有限公司");
		assertThat(rows.size()).isLessThanOrEqualTo(6);
		// the fields beyond the card's six rows and the answers are in its quote area
		assertThat(tc.get("quote_area").get("quote_text").asString()).contains("应对建议");
		assertThat(tc.get("button_list").get(0).get("text").asString()).isEqualTo("查看");

		JsonNode dingtalk = sent("/v1.0/robot/oToMessages/batchSend", "已归档跟进");
		assertThat(dingtalk.get("msgKey").asString()).isEqualTo("sampleActionCard");
		JsonNode param = JSON.readTree(dingtalk.get("msgParam").asString());
		assertThat(param.get("text").asString()).contains("**客户**：苏州恒通精密机械有限公司");
		assertThat(param.get("singleTitle").asString()).isEqualTo("查看");
		assertThat(param.get("singleURL").asString()).contains("sendMessage");
	}

	@Test
	void helpIsGroupedSectionsOnEveryPlatform() throws Exception {
		Reply help = ask("/help").get(0);
		assertThat(help.title()).isEqualTo("张三，可用的命令：");
		assertThat(help.sections()).extracting(Reply.Section::heading).contains("【客户】", "【任务】");
		push("card-help", help);

		String wecom = sent("/cgi-bin/message/send", "可用的命令").get("markdown").get("content").asString();
		assertThat(wecom).startsWith("**张三，可用的命令：**")
			.contains("**【客户】**\n- /")
			.contains("- /find <")
			.doesNotContain("/config");

		JsonNode param = JSON.readTree(sent("/v1.0/robot/oToMessages/batchSend", "可用的命令").get("msgParam").asString());
		assertThat(param.get("title").asString()).isEqualTo("张三，可用的命令：");
		assertThat(param.get("text").asString()).contains("**【客户】**  \n- /").contains("- /find <");

		String html = postAs("zhangsan", "/api/local/messages", map("text", "/help")).json()
			.get("replies")
			.get(0)
			.get("html")
			.asString();
		assertThat(html).contains("<div class=\"card-title\">张三，可用的命令：</div>")
			.contains("<h4>【客户】</h4><ul><li>/")
			.contains("<li>/find &lt;");
	}

	@Test
	void anEnglishUserGetsTheSameCardsInEnglish() {
		Reply card = ask("admin", WecomBotEndToEndTest.INQUIRY).get(0);
		assertThat(card.title()).startsWith("✅ Filed (");
		assertThat(card.fields()).contains(new Reply.Field("Customer", "苏州恒通精密机械有限公司"));
		assertThat(card.text()).contains("Customer: 苏州恒通精密机械有限公司");
		Reply help = ask("admin", "/help").get(0);
		assertThat(help.title()).isEqualTo("Admin, the commands you can use:");
		assertThat(help.sections()).extracting(Reply.Section::heading).contains("[Customers]", "[Administration]");
		assertThat(help.text()).doesNotContain("可用的命令", "【");
	}

}
