package com.crmbot.platform;

import com.crmbot.testsupport.PlatformStub;

import java.util.List;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group chats are not private: in a DingTalk group, an answer showing a customer goes to
 * the asker as a work notice and the group gets a pointer, unless every member (asked of
 * DingTalk through the SDK, at the stand-in) may see that customer; phone numbers never
 * reach the group.
 */
class GroupPrivacyTest extends PlatformTestSupport {

	private static final String MEMBERS = "/v1.0/im/sceneGroups/members/batchQuery";

	private String groupAsk(String staffId, String text) throws Exception {
		String msgId = "msgGroupPrivacy" + System.nanoTime();
		assertThat(
				deliverDingTalk(DingTalkBotEndToEndTest.robotMessage(msgId, "2", staffId, "@bot " + text)).statusCode())
			.isEqualTo(200);
		awaitProcessed("dingtalk:" + msgId);
		outbox.drain();
		List<PlatformStub.Call> posts = STUB.calls("/session/robot");
		assertThat(posts).hasSize(1);
		// a short pointer is plain text; an answer kept in the group may be a markdown
		// card
		JsonNode body = JSON.readTree(posts.get(0).body());
		return (body.get("text") != null) ? body.get("text").get("content").asString()
				: body.get("markdown").get("text").asString();
	}

	private String privateNotices() {
		return String.join("\n",
				STUB.calls("/v1.0/robot/oToMessages/batchSend").stream().map((c) -> c.body()).toList());
	}

	@Test
	void aCustomerShownInAMixedGroupGoesToTheAskerPrivately() throws Exception {
		say("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678");
		// lisi (a rep of the same department) may not see zhangsan's customer
		STUB.scriptJson(MEMBERS, "{\"memberUserIds\":[\"0101\",\"0102\"],\"hasMore\":false}");

		String group = groupAsk("0101", "/show 恒通");

		assertThat(group).contains("私信").doesNotContain("恒通").doesNotContain("1381234").doesNotContain("王总");
		assertThat(STUB.calls(MEMBERS)).singleElement()
			.satisfies((c) -> assertThat(c.body()).contains("cidGroup123=="));
		String notice = privateNotices();
		assertThat(notice).contains("\"0101\"").contains("恒通").doesNotContain("\"0102\"");
	}

	@Test
	void findResultsAndUnknownMembershipAlsoGoPrivately() throws Exception {
		say("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678");
		// the platform does not say who is in the group: not private
		String group = groupAsk("0101", "/find 恒通");
		assertThat(group).contains("私信").doesNotContain("恒通").doesNotContain("5678");
		assertThat(privateNotices()).contains("恒通");
	}

	@Test
	void aGroupWhoseMembersMayAllSeeTheCustomerGetsTheAnswerWithoutPhones() throws Exception {
		say("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678");
		// zhangsan (owner) and boss (director, sees everything)
		STUB.scriptJson(MEMBERS, "{\"memberUserIds\":[\"0101\",\"0100\"],\"hasMore\":false}");

		String group = groupAsk("0101", "/find 恒通");

		assertThat(group).contains("恒通").doesNotContain("13812345678").doesNotContain("138 1234 5678");
		assertThat(STUB.calls("/v1.0/robot/oToMessages/batchSend")).isEmpty();
	}

	@Test
	void aFiledInquiryInAGroupOfRepsIsConfirmedPrivately() throws Exception {
		STUB.scriptJson(MEMBERS, "{\"memberUserIds\":[\"0101\",\"0102\",\"0103\"],\"hasMore\":false}");
		String group = groupAsk("0101", WecomBotEndToEndTest.INQUIRY);
		assertThat(group).contains("私信").doesNotContain("苏州恒通").doesNotContain("1381234");
		assertThat(privateNotices()).contains("已归档跟进").contains("苏州恒通精密机械有限公司");
	}

}
