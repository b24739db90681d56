package com.crmbot.platform;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import com.crmbot.approval.Approval;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.connector.Reply;
import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.notification.Notifier;
import com.crmbot.testsupport.PlatformStub;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DingTalk on par with WeCom, through the bot's own notification path and the real
 * connectors (the real DingTalk SDK and WxJava pointed at the local stub): pushes to many
 * DingTalk users in batches of 20, department notices to both platforms' group robots
 * under their 20-a-minute limit with nothing lost.
 */
class DingTalkParityTest extends PlatformTestSupport {

	@Autowired
	Notifier notifier;

	@Override
	protected void extraCleanup() {
		mongo.remove(new Query(), Approval.class);
		mongo.remove(new Query(), "deals");
	}

	private static User dingtalkUser(int i) {
		return new User("dt" + i, "钉钉用户" + i, "rep", "east", null, "staff-" + i, null, null, null, null, false);
	}

	@Test
	void aNoticeTo45DingTalkUsersIsThreeBatchSendCalls() throws Exception {
		List<User> users = new ArrayList<>(IntStream.range(0, 45).mapToObj(DingTalkParityTest::dingtalkUser).toList());
		// someone on WeCom gets the same notice on WeCom, on their own
		User onWecom = new User("wc", "企微用户", "rep", "east", "WcUser", "staff-wc", null, null, null, null, false);
		users.add(onWecom);
		assertThat(notifier.notifyAll(users, (u) -> Reply.text("明天 9 点例会"), "notice:meeting")).isEqualTo(4);
		// idempotent by key
		assertThat(notifier.notifyAll(users, (u) -> Reply.text("明天 9 点例会"), "notice:meeting")).isZero();
		outbox.drain();

		List<PlatformStub.Call> calls = STUB.calls("/v1.0/robot/oToMessages/batchSend");
		assertThat(calls).hasSize(3);
		Set<String> all = new HashSet<>();
		List<Integer> sizes = new ArrayList<>();
		for (PlatformStub.Call c : calls) {
			JsonNode body = JSON.readTree(c.body());
			assertThat(body.get("robotCode").asString()).isEqualTo(DINGTALK_CLIENT_ID);
			assertThat(JSON.readTree(body.get("msgParam").asString()).get("content").asString()).isEqualTo("明天 9 点例会");
			sizes.add(body.get("userIds").size());
			body.get("userIds").values().forEach((n) -> all.add(n.asString()));
		}
		assertThat(sizes).containsExactlyInAnyOrder(20, 20, 5);
		assertThat(all).hasSize(45).allMatch((id) -> id.startsWith("staff-")).doesNotContain("staff-wc");
		assertThat(STUB.calls("/cgi-bin/message/send")).singleElement()
			.satisfies((c) -> assertThat(c.body()).contains("WcUser"));
		assertThat(mongo.count(Query.query(Criteria.where("status").is(OutboxEntry.Status.SENT)), OutboxEntry.class))
			.isEqualTo(4);
	}

	@Test
	void aDecidedApprovalReachesTheDepartmentsGroupRobots() throws Exception {
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
		assertThat(sayText("zhangsan", "/deal 恒通 300,000")).contains("需要审批");
		Approval a = mongo.findOne(new Query(), Approval.class);
		assertThat(sayText("boss", "/approve " + a.id())).contains("已同意");
		outbox.drain();

		List<PlatformStub.Call> dingtalk = STUB.calls("/robot/send");
		assertThat(dingtalk).singleElement().satisfies((c) -> {
			assertThat(c.param("access_token")).isEqualTo("dt-east-token");
			assertThat(c.param("sign")).isNotBlank();
			assertThat(JSON.readTree(c.body()).get("text").get("content").asString()).contains("团队通知", "张三",
					"审批 " + a.id(), "已通过", "300,000");
		});
		List<PlatformStub.Call> wecom = STUB.calls("/cgi-bin/webhook/send");
		assertThat(wecom).singleElement().satisfies((c) -> {
			assertThat(c.param("key")).isEqualTo("wecom-east-key");
			assertThat(c.body()).contains("团队通知", "已通过");
		});
	}

	@Test
	void twentyFiveTeamNoticesInAMinuteStayUnderTwentyRequestsPerRobotAndNothingIsLost() throws Exception {
		// robot sends of earlier tests leave the rate window first
		CLOCK.advance(Duration.ofSeconds(61));
		for (int i = 0; i < 25; i++) {
			assertThat(notifier.notifyDepartment("east", Reply.text("团队通知 #" + i + " 新线索"), "team:burst:" + i))
				.isEqualTo(2);
			outbox.drain();
			CLOCK.advance(Duration.ofSeconds(2));
		}
		// 50 seconds: each robot got at most 20 requests (a burst of 10, then one every 6
		// s),
		// the rest waits (not failed)
		int dtFirst = STUB.calls("/robot/send").size();
		int wcFirst = STUB.calls("/cgi-bin/webhook/send").size();
		assertThat(dtFirst).isBetween(10, 20);
		assertThat(wcFirst).isBetween(10, 20);
		assertThat(mongo.count(Query.query(Criteria.where("status").is(OutboxEntry.Status.FAILED)), OutboxEntry.class))
			.isZero();

		// a minute later the queued notices go out merged, one request per robot
		CLOCK.advance(Duration.ofSeconds(61));
		outbox.drain();
		List<PlatformStub.Call> dingtalk = STUB.calls("/robot/send");
		List<PlatformStub.Call> wecom = STUB.calls("/cgi-bin/webhook/send");
		assertThat(dingtalk).hasSizeBetween(dtFirst, dtFirst + 1);
		assertThat(wecom).hasSizeBetween(wcFirst, wcFirst + 1);
		String dtAll = String.join("\n", dingtalk.stream().map(PlatformStub.Call::body).toList());
		String wcAll = String.join("\n", wecom.stream().map(PlatformStub.Call::body).toList());
		for (int i = 0; i < 25; i++) {
			assertThat(dtAll).contains("团队通知 #" + i + " ");
			assertThat(wcAll).contains("团队通知 #" + i + " ");
		}
		assertThat(mongo.count(Query.query(Criteria.where("status").ne(OutboxEntry.Status.SENT)), OutboxEntry.class))
			.isZero();
		// every DingTalk request signed for the robot
		for (PlatformStub.Call c : dingtalk) {
			assertThat(URLDecoder.decode(c.param("sign"), StandardCharsets.UTF_8))
				.isEqualTo(dingtalkSign(Long.parseLong(c.param("timestamp")), "SECeast0123456789"));
		}
	}

	private static String withContent(String body, String msgtype, String content) {
		String text = body.substring(body.indexOf("\"msgtype\":\"text\""));
		return body.replace(text, "\"msgtype\":\"" + msgtype + "\",\"content\":" + content + "}\n");
	}

	private String lastSessionText() throws Exception {
		List<PlatformStub.Call> posts = STUB.calls("/session/robot");
		assertThat(posts).isNotEmpty();
		return JSON.readTree(posts.get(posts.size() - 1).body()).get("text").get("content").asString();
	}

	@Test
	void groupMediaAttachesOnlyToANamedOrChosenCustomer() throws Exception {
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
		assertThat(sayText("zhangsan", "/new 杭州星河电子科技有限公司 李总 13900001111")).contains("星河");
		String run = Long.toString(System.nanoTime());

		// a picture that names no customer: the bot asks, nothing is attached yet
		String pic = withContent(DingTalkBotEndToEndTest.robotMessage("pic" + run, "2", "0101", "x"), "picture",
				"{\"pictureDownloadCode\":\"pdc\",\"downloadCode\":\"DC-PIC\"}");
		assertThat(deliverDingTalk(pic).statusCode()).isEqualTo(200);
		awaitProcessed("dingtalk:pic" + run);
		outbox.drain();
		String question = lastSessionText();
		assertThat(question).startsWith("@0101").contains("图片", "哪个客户", "恒通", "星河", "0. ");
		assertThat(mongo.count(Query.query(Criteria.where("kind").is(FollowUp.Kind.MEDIA)), FollowUp.class)).isZero();
		String line = question.lines().filter((l) -> l.contains("星河")).findFirst().orElseThrow();
		String number = line.substring(0, line.indexOf('.')).trim();

		// a number the question does not offer
		assertThat(
				deliverDingTalk(DingTalkBotEndToEndTest.robotMessage("bad" + run, "2", "0101", "@bot 9")).statusCode())
			.isEqualTo(200);
		awaitProcessed("dingtalk:bad" + run);
		outbox.drain();
		assertThat(lastSessionText()).contains("0 到 2");

		// the rep answers with the number: filed on that customer, once
		assertThat(deliverDingTalk(DingTalkBotEndToEndTest.robotMessage("ans" + run, "2", "0101", "@bot " + number))
			.statusCode()).isEqualTo(200);
		awaitProcessed("dingtalk:ans" + run);
		outbox.drain();
		assertThat(lastSessionText()).contains("图片", "归档到客户", "星河");
		Customer xinghe = mongo.findOne(Query.query(Criteria.where("company").is("杭州星河电子科技有限公司")), Customer.class);
		FollowUp filed = mongo.findOne(Query.query(Criteria.where("kind").is(FollowUp.Kind.MEDIA)), FollowUp.class);
		assertThat(filed.customerId()).isEqualTo(xinghe.id());
		assertThat(filed.attachment()).isEqualTo("DC-PIC");
		assertThat(filed.platformMessageId()).isEqualTo("pic" + run);

		// rich text with a picture that names the customer: attached at once
		String rich = withContent(DingTalkBotEndToEndTest.robotMessage("rich" + run, "2", "0101", "x"), "richText",
				"{\"richText\":[{\"text\":\"@bot 恒通王总的名片\"},{\"pictureDownloadCode\":\"p1\",\"downloadCode\":\"DC-CARD\",\"type\":\"picture\"}]}");
		assertThat(deliverDingTalk(rich).statusCode()).isEqualTo(200);
		awaitProcessed("dingtalk:rich" + run);
		outbox.drain();
		assertThat(lastSessionText()).contains("归档到客户", "恒通");
		Customer hengtong = mongo.findOne(Query.query(Criteria.where("company").is("苏州恒通机械有限公司")), Customer.class);
		assertThat(mongo.findOne(Query.query(Criteria.where("attachment").is("DC-CARD")), FollowUp.class).customerId())
			.isEqualTo(hengtong.id());
	}

	@Test
	void voiceRecognitionIsReadAsTextAndAGroupMessageWithoutTheMentionIsIgnored() throws Exception {
		String run = Long.toString(System.nanoTime());
		String voice = withContent(DingTalkBotEndToEndTest.robotMessage("voice" + run, "1", "0101", "x"), "audio",
				"{\"duration\":\"6000\",\"downloadCode\":\"DC-VOICE\",\"recognition\":\"" + WecomBotEndToEndTest.INQUIRY
						+ "\"}");
		assertThat(deliverDingTalk(voice).statusCode()).isEqualTo(200);
		awaitProcessed("dingtalk:voice" + run);
		FollowUp f = mongo.findOne(new Query(), FollowUp.class);
		assertThat(f.kind()).isEqualTo(FollowUp.Kind.INQUIRY);
		assertThat(f.text()).isEqualTo(WecomBotEndToEndTest.INQUIRY);
		assertThat(mongo.findOne(new Query(), Customer.class).company()).isEqualTo("苏州恒通精密机械有限公司");

		String chatter = DingTalkBotEndToEndTest.robotMessage("chat" + run, "2", "0101", "大家中午吃什么")
			.replace("\"isInAtList\":true", "\"isInAtList\":false")
			.replace("\"atUsers\":[{\"dingtalkId\":\"$:LWCP_v1:$bot\"}]", "\"atUsers\":[]");
		assertThat(deliverDingTalk(chatter).statusCode()).isEqualTo(200);
		outbox.drain();
		Thread.sleep(500); // processing is asynchronous: give an (unwanted) answer time
							// to appear
		outbox.drain();
		assertThat(ledger.status("dingtalk:chat" + run)).isNull();
		assertThat(STUB.calls("/session/robot").stream().filter((c) -> c.body().contains("午"))).isEmpty();
		assertThat(count(FollowUp.class)).isEqualTo(1);
	}

}
