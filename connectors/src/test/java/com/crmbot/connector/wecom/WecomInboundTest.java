package com.crmbot.connector.wecom;

import java.time.Instant;

import com.crmbot.connector.ChatMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a decrypted callback becomes a neutral message: a group robot's message callback is
 * a group message of its chat, an app message never is.
 */
class WecomInboundTest {

	private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

	private static WecomInbound parse(String xml) throws Exception {
		return new WecomInbound(SafeXml.parse(xml));
	}

	private static String robotMessage(String chatType, String chatId, String content) {
		return "<xml><WebhookUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-123]]></WebhookUrl>"
				+ ((chatId != null) ? "<ChatId><![CDATA[" + chatId + "]]></ChatId>" : "") + "<ChatType>" + chatType
				+ "</ChatType><From><UserId>ZhangSan</UserId><Name><![CDATA[张三]]></Name></From>"
				+ "<MsgId>CAIQ1</MsgId><MsgType>text</MsgType><Text><Content><![CDATA[" + content
				+ "]]></Content></Text></xml>";
	}

	@Test
	void aGroupRobotMessageIsAGroupMessageOfItsChatWithoutTheMention() throws Exception {
		WecomInbound in = parse(robotMessage("group", "wrkChat1", "@crm-bot /find 恒通"));
		ChatMessage m = in.toChatMessage(NOW);
		assertThat(m.group()).isTrue();
		assertThat(m.conversationId()).isEqualTo("wrkChat1");
		assertThat(m.senderId()).isEqualTo("ZhangSan");
		assertThat(m.text()).isEqualTo("/find 恒通");
		assertThat(m.extras()).containsEntry("chatId", "wrkChat1");
		assertThat(in.webhookKey()).isEqualTo("abc-123");
		assertThat(in.dedupeKey()).isEqualTo("wecom:msg:CAIQ1");
	}

	@Test
	void aSingleChatWithTheRobotAndAnAppMessageAreNotGroupMessages() throws Exception {
		ChatMessage single = parse(robotMessage("single", null, "/help")).toChatMessage(NOW);
		assertThat(single.group()).isFalse();
		assertThat(single.conversationId()).isEqualTo("ZhangSan");
		assertThat(single.text()).isEqualTo("/help");

		ChatMessage app = parse("<xml><ToUserName>ww1</ToUserName><FromUserName>LiSi</FromUserName>"
				+ "<CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>@someone 你好</Content>"
				+ "<MsgId>1456453720</MsgId><AgentID>1000002</AgentID><ChatId>forged</ChatId></xml>")
			.toChatMessage(NOW);
		assertThat(app.group()).isFalse();
		assertThat(app.senderId()).isEqualTo("LiSi");
		assertThat(app.text()).isEqualTo("@someone 你好");
	}

}
