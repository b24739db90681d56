package com.crmbot.platform;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.crmbot.testsupport.PlatformStub;
import com.crmbot.testsupport.WecomTestCrypto;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group chats are not private, on WeCom too. A group message reaches crm-bot as the group
 * robot's message callback (encrypted and signed like every WeCom callback, with a blank
 * receiveid, inner XML with {@code ChatType} group, {@code ChatId}, {@code From/UserId}
 * and the robot's {@code WebhookUrl}); the bot asks WeCom who is in the group through
 * WxJava ({@code appchat/get}, at the stand-in). An answer showing a customer goes to the
 * asker as an app message ({@code message/send}) and the group gets a pointer through the
 * robot's webhook, unless every member may see that customer; phone numbers never reach
 * the group.
 */
class WecomGroupPrivacyTest extends PlatformTestSupport {

	private static final String MEMBERS = "/cgi-bin/appchat/get";

	private static final String ROBOT_KEY = "wecom-sales-group-key";

	/** WeCom encrypts a group robot's callbacks with a blank receiveid. */
	private final WecomTestCrypto robot = new WecomTestCrypto(WECOM_TOKEN, AES_KEY, "");

	/** The group robot's message callback, as WeCom posts it (decrypted). */
	static String groupText(String fromUserId, String chatId, String content, String msgId) {
		return "<xml><WebhookUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + ROBOT_KEY
				+ "]]></WebhookUrl><ChatId><![CDATA[" + chatId + "]]></ChatId><ChatType>group</ChatType>"
				+ "<From><UserId>" + fromUserId + "</UserId><Name><![CDATA[" + fromUserId + "]]></Name></From>"
				+ "<GetChatInfoUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=x]]>"
				+ "</GetChatInfoUrl><MsgId>" + msgId + "</MsgId><MsgType>text</MsgType><Text><Content><![CDATA["
				+ content + "]]></Content></Text></xml>";
	}

	private static String members(String chatId, String... userIds) {
		return "{\"errcode\":0,\"errmsg\":\"ok\",\"chat_info\":{\"chatid\":\"" + chatId
				+ "\",\"name\":\"华东销售\",\"owner\":\"" + userIds[0] + "\",\"userlist\":[\""
				+ String.join("\",\"", userIds) + "\"]}}";
	}

	/** Ask in the group; the text the robot posted into the group. */
	private String groupAsk(String userId, String chatId, String text) throws Exception {
		String msgId = "group" + System.nanoTime();
		String ts = Long.toString(System.currentTimeMillis() / 1000);
		String[] qb = robot.callback(groupText(userId, chatId, "@crm-bot " + text, msgId), ts, "5550001");
		HttpResponse<String> r = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wecom/callback?" + qb[0]))
				.header("Content-Type", "text/xml")
				.POST(HttpRequest.BodyPublishers.ofString(qb[1], StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(r.statusCode()).isEqualTo(200);
		// never a passive reply: that would go to the sender, not into the group
		assertThat(r.body()).isEmpty();
		awaitProcessed("wecom:msg:" + msgId);
		await().atMost(WAIT).until(() -> outbox.find("wecom:reply:" + msgId + ":0").isPresent());
		outbox.drain();
		// (the department's robot may carry team notices meanwhile: not this group's)
		List<PlatformStub.Call> posts = STUB.calls("/cgi-bin/webhook/send")
			.stream()
			.filter((c) -> ROBOT_KEY.equals(c.param("key")))
			.toList();
		assertThat(posts).isNotEmpty();
		StringBuilder group = new StringBuilder();
		for (PlatformStub.Call c : posts) {
			JsonNode body = JSON.readTree(c.body());
			group.append((body.get("text") != null) ? body.get("text").get("content").asString()
					: body.get("markdown").get("content").asString())
				.append('\n');
		}
		return group.toString();
	}

	/** The app messages sent (privately, to members) while answering. */
	private List<PlatformStub.Call> appMessages() {
		return STUB.calls("/cgi-bin/message/send");
	}

	@Test
	void aCustomerShownInAMixedGroupGoesToTheAskerAsAnAppMessage() throws Exception {
		say("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678");
		// LiSi (a rep of the same department) may not see zhangsan's customer
		STUB.scriptJson(MEMBERS, members("wrkMixed01", "ZhangSan", "LiSi"));

		String group = groupAsk("ZhangSan", "wrkMixed01", "/show 恒通");

		assertThat(group).contains("私信").doesNotContain("恒通").doesNotContain("1381234").doesNotContain("王总");
		assertThat(STUB.calls(MEMBERS)).singleElement()
			.satisfies((c) -> assertThat(c.param("chatid")).isEqualTo("wrkMixed01"));
		assertThat(appMessages()).isNotEmpty().allSatisfy((c) -> {
			JsonNode body = JSON.readTree(c.body());
			assertThat(body.get("touser").asString()).isEqualTo("ZhangSan");
			assertThat(body.get("agentid").asInt()).isEqualTo(1000002);
		});
		assertThat(String.join("\n", appMessages().stream().map(PlatformStub.Call::body).toList())).contains("恒通");
	}

	@Test
	void aGroupWhoseMembersMayAllSeeTheCustomerGetsTheAnswerWithoutPhonesAndMembersAreAskedOnce() throws Exception {
		say("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678");
		// ZhangSan (the owner) and ZhouZongJian (the director, sees everything)
		STUB.scriptJson(MEMBERS, members("wrkTrusted01", "ZhangSan", "ZhouZongJian"));

		String group = groupAsk("ZhangSan", "wrkTrusted01", "/find 恒通");

		assertThat(group).contains("恒通").doesNotContain("13812345678").doesNotContain("138 1234 5678");
		assertThat(appMessages()).isEmpty();

		// a second question in the same group within a minute: the members are known
		STUB.reset();
		String again = groupAsk("ZhouZongJian", "wrkTrusted01", "/show 恒通");
		assertThat(again).contains("恒通").doesNotContain("1381234");
		assertThat(STUB.calls(MEMBERS)).isEmpty();
		assertThat(appMessages()).isEmpty();
	}

	@Test
	void aGroupWeComWillNotDescribeAndAFiledInquiryAreAnsweredPrivately() throws Exception {
		// an ordinary group the app did not create: appchat/get refuses
		STUB.scriptJson(MEMBERS, "{\"errcode\":86003,\"errmsg\":\"chat not found\"}");

		String group = groupAsk("ZhangSan", "wrkOther01", WecomBotEndToEndTest.INQUIRY);

		assertThat(group).contains("私信").doesNotContain("苏州恒通").doesNotContain("1381234");
		String notice = String.join("\n", appMessages().stream().map(PlatformStub.Call::body).toList());
		assertThat(notice).contains("已归档跟进").contains("苏州恒通精密机械有限公司").contains("\"touser\":\"ZhangSan\"");
		assertThat(STUB.calls("/cgi-bin/webhook/send")).allSatisfy((c) -> assertThat(c.body()).doesNotContain("5678"));
	}

}
