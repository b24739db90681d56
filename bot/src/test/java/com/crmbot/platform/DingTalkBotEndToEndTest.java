package com.crmbot.platform;

import java.time.Duration;
import java.util.List;

import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.testsupport.PlatformMessages;
import com.crmbot.testsupport.PlatformStub;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real bot behind the real DingTalk connector: robot callbacks signed by the tests'
 * own HmacSHA256 come in over HTTP on the bot's port; the reply goes to the session
 * webhook, which is the local stub.
 */
class DingTalkBotEndToEndTest extends PlatformTestSupport {

	/**
	 * A realistic robot callback body (as DingTalk posts it), the session webhook
	 * pointing at the stub.
	 */
	static String robotMessage(String msgId, String conversationType, String staffId, String content) {
		long now = System.currentTimeMillis();
		return PlatformMessages.dingtalkText(msgId, conversationType, staffId, content,
				STUB.baseUrl() + "/session/robot?session=e2e", DINGTALK_CLIENT_ID, now,
				now + Duration.ofMinutes(90).toMillis());
	}

	@Test
	void aSignedGroupHelpIsAnsweredAtTheSessionWebhookWithTheMention() throws Exception {
		String msgId = "msgE2Ehelp" + System.nanoTime();
		assertThat(deliverDingTalk(robotMessage(msgId, "2", "0101", " @bot /help")).statusCode()).isEqualTo(200);
		awaitProcessed("dingtalk:" + msgId);
		outbox.drain();

		List<PlatformStub.Call> posts = STUB.calls("/session/robot");
		assertThat(posts).hasSize(1);
		assertThat(posts.get(0).param("session")).isEqualTo("e2e");
		JsonNode body = JSON.readTree(posts.get(0).body());
		// /help is a card: markdown with its groups as sections, the sender mentioned
		assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
		String content = body.get("markdown").get("text").asString();
		assertThat(content).startsWith("@0101 **张三，可用的命令：**").contains("**【客户】**").contains("- /find");
		assertThat(body.get("at").get("atUserIds").get(0).asString()).isEqualTo("0101");
		// answered in the conversation itself, not through the OpenAPI
		assertThat(STUB.callsUnder("/v1.0/robot/")).isEmpty();
		assertThat(count(FollowUp.class)).isZero();
	}

	@Test
	void anInquiryFromARepIsFiledWithPlatformDingtalkAndConfirmedInTheGroup() throws Exception {
		String msgId = "msgE2Einq" + System.nanoTime();
		String inquiry = WecomBotEndToEndTest.INQUIRY;
		assertThat(deliverDingTalk(robotMessage(msgId, "2", "0101", "@bot " + inquiry)).statusCode()).isEqualTo(200);
		awaitProcessed("dingtalk:" + msgId);
		// DingTalk delivers it again: still one record
		assertThat(deliverDingTalk(robotMessage(msgId, "2", "0101", "@bot " + inquiry)).statusCode()).isEqualTo(200);

		assertOneFiledInquiry("dingtalk", msgId, inquiry);

		outbox.drain();
		List<PlatformStub.Call> posts = STUB.calls("/session/robot");
		assertThat(posts).hasSize(1);
		// group chats are not private: the filed fields go to the rep as a work notice
		String content = JSON.readTree(posts.get(0).body()).get("text").get("content").asString();
		assertThat(content).startsWith("@0101").contains("私信").doesNotContain("苏州恒通精密机械有限公司");
		assertThat(STUB.calls("/v1.0/robot/oToMessages/batchSend")).singleElement()
			.satisfies((call) -> assertThat(call.body()).contains("已归档跟进").contains("苏州恒通精密机械有限公司"));
	}

	@Test
	void aCsvFileSentToTheRobotIsDownloadedAndCheckedForImport() throws Exception {
		String msgId = "msgE2Efile" + System.nanoTime();
		STUB.defaultJson("/v1.0/robot/messageFiles/download",
				"{\"downloadUrl\":\"" + STUB.baseUrl() + "/files/leads.csv\"}");
		STUB.file("/files/leads.csv",
				"客户名称,电话\n杭州星河电子科技有限公司,139 0571 8888\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		long now = System.currentTimeMillis();
		String body = robotMessage(msgId, "1", "0101", "x").replace("\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}",
				"\"msgtype\":\"file\",\"content\":{\"downloadCode\":\"DC-LEADS\",\"fileName\":\"leads.csv\"}");
		assertThat(body).contains("DC-LEADS");
		assertThat(deliverDingTalk(body).statusCode()).isEqualTo(200);
		awaitProcessed("dingtalk:" + msgId);
		outbox.drain();
		assertThat(STUB.calls("/v1.0/robot/messageFiles/download")).singleElement()
			.satisfies((c) -> assertThat(c.body()).contains("DC-LEADS"));
		List<PlatformStub.Call> posts = STUB.calls("/session/robot");
		assertThat(posts).isNotEmpty();
		String content = String.join("\n", posts.stream().map(PlatformStub.Call::body).toList());
		assertThat(content).contains("导入体检报告").contains("leads.csv").contains("将新建 1 个");
		assertThat(count(Customer.class)).isZero();
	}

	@Test
	void anUnknownSendersInquiryIsAnsweredPolitelyAndNothingIsFiled() throws Exception {
		String msgId = "msgE2Eunknown" + System.nanoTime();
		assertThat(
				deliverDingTalk(robotMessage(msgId, "2", "9999", "@bot " + WecomBotEndToEndTest.INQUIRY)).statusCode())
			.isEqualTo(200);
		awaitProcessed("dingtalk:" + msgId);
		outbox.drain();
		assertThat(count(FollowUp.class)).isZero();
		assertThat(count(Customer.class)).isZero();
		List<PlatformStub.Call> posts = STUB.calls("/session/robot");
		assertThat(posts).hasSize(1);
		String content = JSON.readTree(posts.get(0).body()).get("text").get("content").asString();
		assertThat(content).contains("您还不是 crm-bot 的用户").doesNotContain("已归档");
	}

}
