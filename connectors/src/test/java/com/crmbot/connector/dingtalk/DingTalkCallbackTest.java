package com.crmbot.connector.dingtalk;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.MessageType;
import com.crmbot.connector.Platform;
import com.crmbot.testsupport.PlatformStub;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of DINGTALK.md §4 through the real HTTP endpoint on a real port, and the end
 * to end reply paths (session webhook with @-mention, OpenAPI after expiry).
 */
class DingTalkCallbackTest extends DingTalkTestBase {

	private final JsonMapper json = JsonMapper.builder().build();

	private long inAnHour() {
		return clock.millis() + Duration.ofMinutes(90).toMillis();
	}

	@Test
	void signedGroupHelpIsAnsweredThroughTheSessionWebhookWithMention() throws Exception {
		HttpResponse<String> resp = postSigned(message("msg-help-1", "2", "staff-zhang", " @bot /help", inAnHour()));
		assertThat(resp.statusCode()).isEqualTo(200);
		awaitProcessed("msg-help-1");

		assertThat(handler.seen).hasSize(1);
		ChatMessage m = handler.seen.get(0);
		assertThat(m.platform()).isEqualTo(Platform.DINGTALK);
		assertThat(m.messageId()).isEqualTo("msg-help-1");
		assertThat(m.senderId()).isEqualTo("staff-zhang");
		assertThat(m.conversationId()).isEqualTo("cidGroup123==");
		assertThat(m.group()).isTrue();
		assertThat(m.text()).isEqualTo("/help");
		assertThat(m.extras()).containsEntry("senderNick", "张三").containsKey("sessionWebhook");

		assertThat(outbox.drain()).isEqualTo(1);
		List<PlatformStub.Call> posts = STUB.callsUnder("/session/robot");
		assertThat(posts).hasSize(1);
		JsonNode body = json.readTree(posts.get(0).body());
		assertThat(body.get("msgtype").asString()).isEqualTo("text");
		assertThat(body.get("text").get("content").asString()).contains(DingTalkTestApp.HELP)
			.startsWith("@staff-zhang");
		assertThat(body.get("at").get("atUserIds").get(0).asString()).isEqualTo("staff-zhang");
		assertThat(STUB.callsUnder("/v1.0/")).isEmpty();
	}

	@Test
	void oneToOneReplyHasNoMention() throws Exception {
		assertThat(postSigned(message("msg-1to1", "1", "staff-li", "你好", inAnHour())).statusCode()).isEqualTo(200);
		awaitProcessed("msg-1to1");
		assertThat(handler.seen).singleElement().satisfies((m) -> {
			assertThat(m.group()).isFalse();
			assertThat(m.text()).isEqualTo("你好");
		});
		outbox.drain();
		JsonNode body = json.readTree(STUB.callsUnder("/session/robot").get(0).body());
		assertThat(body.has("at")).isFalse();
		assertThat(body.get("text").get("content").asString()).isEqualTo("收到: 你好");
	}

	@Test
	void expiredSessionWebhookRepliesThroughTheOpenApi() throws Exception {
		long expired = clock.millis() - 1000;
		assertThat(postSigned(message("msg-expired", "2", "staff-zhang", "/help", expired)).statusCode())
			.isEqualTo(200);
		awaitProcessed("msg-expired");
		assertThat(outbox.drain()).isEqualTo(1);

		assertThat(STUB.callsUnder("/session/")).isEmpty();
		List<PlatformStub.Call> sends = STUB.callsUnder("/v1.0/robot/groupMessages/send");
		assertThat(sends).hasSize(1);
		assertThat(sends.get(0).header("x-acs-dingtalk-access-token")).startsWith("tok-");
		JsonNode body = json.readTree(sends.get(0).body());
		assertThat(body.get("openConversationId").asString()).isEqualTo("cidGroup123==");
		assertThat(body.get("robotCode").asString()).isEqualTo("dingtestrobot");
		assertThat(body.get("msgKey").asString()).isEqualTo("sampleText");
		assertThat(json.readTree(body.get("msgParam").asString()).get("content").asString())
			.isEqualTo(DingTalkTestApp.HELP);
	}

	@Test
	void expiredOneToOneSessionRepliesThroughBatchSendToTheSender() throws Exception {
		assertThat(postSigned(message("msg-expired-1", "1", "staff-li", "hi", clock.millis() - 1)).statusCode())
			.isEqualTo(200);
		awaitProcessed("msg-expired-1");
		outbox.drain();
		List<PlatformStub.Call> sends = STUB.callsUnder("/v1.0/robot/oToMessages/batchSend");
		assertThat(sends).hasSize(1);
		assertThat(json.readTree(sends.get(0).body()).get("userIds").get(0).asString()).isEqualTo("staff-li");
	}

	@Test
	void sessionWebhookThatExpiresWhileQueuedFallsBackToTheOpenApi() throws Exception {
		postSigned(message("msg-late", "2", "staff-zhang", "/help", clock.millis() + 60_000));
		awaitProcessed("msg-late");
		clock.advance(Duration.ofMinutes(2));
		outbox.drain();
		assertThat(STUB.callsUnder("/session/")).isEmpty();
		assertThat(STUB.callsUnder("/v1.0/robot/groupMessages/send")).hasSize(1);
	}

	@Test
	void timestampMoreThanAnHourOffIsRejected() throws Exception {
		long old = clock.millis() - Duration.ofMinutes(61).toMillis();
		String body = message("msg-old", "2", "staff-zhang", "/help", inAnHour());
		assertThat(post(body, "application/json", Long.toString(old), sign(old, SECRET)).statusCode()).isEqualTo(401);
		long future = clock.millis() + Duration.ofMinutes(61).toMillis();
		assertThat(post(body, "application/json", Long.toString(future), sign(future, SECRET)).statusCode())
			.isEqualTo(401);
		long fine = clock.millis() - Duration.ofMinutes(59).toMillis();
		assertThat(post(body, "application/json", Long.toString(fine), sign(fine, SECRET)).statusCode()).isEqualTo(200);
		awaitProcessed("msg-old");
		assertThat(handler.seen).hasSize(1);
	}

	@Test
	void wrongOrUrlEncodedSignIsRejected() throws Exception {
		long ts = clock.millis();
		String body = message("msg-badsign", "2", "staff-zhang", "/help", inAnHour());
		assertThat(post(body, "application/json", Long.toString(ts), sign(ts, "other secret")).statusCode())
			.isEqualTo(401);
		String good = sign(ts, SECRET);
		String encoded = URLEncoder.encode(good, StandardCharsets.UTF_8);
		assertThat(encoded).isNotEqualTo(good);
		assertThat(post(body, "application/json", Long.toString(ts), encoded).statusCode()).isEqualTo(401);
		assertThat(post(body, "application/json", "not-a-number", good).statusCode()).isEqualTo(401);
		Thread.sleep(100);
		assertThat(handler.seen).isEmpty();
		assertThat(mongo.getCollection("inbound_ledger")
			.countDocuments(new org.bson.Document("_id", "dingtalk:msg-badsign"))).isZero();
	}

	@Test
	void missingHeadersAreRejected() throws Exception {
		long ts = clock.millis();
		String body = message("msg-nohdr", "2", "staff-zhang", "/help", inAnHour());
		assertThat(post(body, "application/json", null, null).statusCode()).isEqualTo(401);
		assertThat(post(body, "application/json", Long.toString(ts), null).statusCode()).isEqualTo(401);
		assertThat(post(body, "application/json", null, sign(ts, SECRET)).statusCode()).isEqualTo(401);
		Thread.sleep(100);
		assertThat(handler.seen).isEmpty();
	}

	@Test
	void nonJsonAndOversizedBodiesAreRejected() throws Exception {
		long ts = clock.millis();
		String s = sign(ts, SECRET);
		assertThat(post("hello", "text/plain", Long.toString(ts), s).statusCode()).isEqualTo(415);
		assertThat(post("hello", null, Long.toString(ts), s).statusCode()).isEqualTo(415);
		assertThat(post("{not json", "application/json", Long.toString(ts), s).statusCode()).isEqualTo(400);
		assertThat(post("[1,2]", "application/json", Long.toString(ts), s).statusCode()).isEqualTo(400);
		String big = message("msg-big", "2", "staff-zhang", "x".repeat(5000), inAnHour());
		assertThat(post(big, "application/json", Long.toString(ts), s).statusCode()).isEqualTo(413);
		Thread.sleep(100);
		assertThat(handler.seen).isEmpty();
	}

	@Test
	void unknownMsgtypeIsAcknowledgedAndPassedOnAsUnknown() throws Exception {
		String body = message("msg-weird", "2", "staff-zhang", "x", inAnHour()).replace("\"msgtype\":\"text\"",
				"\"msgtype\":\"hologram\"");
		assertThat(postSigned(body).statusCode()).isEqualTo(200);
		awaitProcessed("msg-weird");
		assertThat(handler.seen).singleElement().satisfies((m) -> {
			assertThat(m.type()).isEqualTo(MessageType.UNKNOWN);
			assertThat(m.text()).contains("hologram");
		});
	}

	@Test
	void theSameMsgIdTwiceHasOneEffect() throws Exception {
		String body = message("msg-dup", "2", "staff-zhang", "/help", inAnHour());
		assertThat(postSigned(body).statusCode()).isEqualTo(200);
		awaitProcessed("msg-dup");
		assertThat(postSigned(body).statusCode()).isEqualTo(200);
		Thread.sleep(200);
		assertThat(handler.seen).hasSize(1);
		assertThat(outbox.drain()).isEqualTo(1);
		assertThat(STUB.callsUnder("/session/")).hasSize(1);
	}

	@Test
	void failedProcessingIsRetriedOnRedelivery() throws Exception {
		String body = message("msg-fail", "2", "staff-zhang", "/help", inAnHour());
		handler.fail = true;
		postSigned(body);
		awaitProcessed("msg-fail");
		assertThat(mongo.getCollection("inbound_ledger")
			.find(new org.bson.Document("_id", "dingtalk:msg-fail"))
			.first()
			.getString("status")).isEqualTo("FAILED");
		handler.fail = false;
		postSigned(body);
		Thread.sleep(300);
		awaitProcessed("msg-fail");
		assertThat(handler.seen).hasSize(1);
	}

	@Test
	void unknownSenderGetsAPoliteAnswerAndNothingIsStored() throws Exception {
		String body = message("msg-stranger", "2", "staff-nobody", "/help", inAnHour());
		assertThat(postSigned(body).statusCode()).isEqualTo(200);
		awaitProcessed("msg-stranger");
		assertThat(handler.seen).isEmpty();
		List<PlatformStub.Call> posts = STUB.callsUnder("/session/robot");
		assertThat(posts).hasSize(1);
		assertThat(posts.get(0).body()).contains("您还不是 crm-bot 的用户");
		assertThat(mongo.getCollection(DingTalkSessionStore.COLLECTION)
			.countDocuments(new org.bson.Document("_id", "m:msg-stranger"))).isZero();
		assertThat(outbox.find("dingtalk:reply:msg-stranger:0")).isEmpty();
	}

	@Test
	void picturesFilesAudioAndRichTextKeepWhatCanBeKept() throws Exception {
		String base = message("msg-pic", "1", "staff-zhang", "", inAnHour());
		String pic = base.replace("\"msgtype\":\"text\",\"text\":{\"content\":\"\"}",
				"\"msgtype\":\"picture\",\"content\":{\"pictureDownloadCode\":\"pdc\",\"downloadCode\":\"dc-pic\"}");
		postSigned(pic);
		awaitProcessed("msg-pic");
		String file = base.replace("msg-pic", "msg-file")
			.replace("\"msgtype\":\"text\",\"text\":{\"content\":\"\"}",
					"\"msgtype\":\"file\",\"content\":{\"downloadCode\":\"dc-file\",\"fileName\":\"报价单.xlsx\",\"spaceId\":\"1\",\"fileId\":\"2\"}");
		postSigned(file);
		awaitProcessed("msg-file");
		String audio = base.replace("msg-pic", "msg-audio")
			.replace("\"msgtype\":\"text\",\"text\":{\"content\":\"\"}",
					"\"msgtype\":\"audio\",\"content\":{\"duration\":\"4000\",\"downloadCode\":\"dc-audio\",\"recognition\":\"明天拜访客户\"}");
		postSigned(audio);
		awaitProcessed("msg-audio");
		String rich = base.replace("msg-pic", "msg-rich")
			.replace("\"msgtype\":\"text\",\"text\":{\"content\":\"\"}",
					"\"msgtype\":\"richText\",\"content\":{\"richText\":[{\"text\":\"客户名片\"},{\"pictureDownloadCode\":\"p1\",\"downloadCode\":\"dc-r1\",\"type\":\"picture\"},{\"text\":\" 请跟进\"}]}");
		postSigned(rich);
		awaitProcessed("msg-rich");

		assertThat(handler.seen).hasSize(4);
		assertThat(handler.seen.get(0)).satisfies((m) -> {
			assertThat(m.type()).isEqualTo(MessageType.IMAGE);
			assertThat(m.attachment()).isEqualTo("dc-pic");
		});
		assertThat(handler.seen.get(1)).satisfies((m) -> {
			assertThat(m.type()).isEqualTo(MessageType.FILE);
			assertThat(m.attachment()).isEqualTo("dc-file");
			assertThat(m.text()).contains("报价单.xlsx");
		});
		assertThat(handler.seen.get(2)).satisfies((m) -> {
			// the recognition is read as text; the audio stays reachable
			assertThat(m.type()).isEqualTo(MessageType.TEXT);
			assertThat(m.text()).isEqualTo("明天拜访客户");
			assertThat(m.extras()).containsEntry("voiceDownloadCode", "dc-audio");
		});
		assertThat(handler.seen.get(3)).satisfies((m) -> {
			assertThat(m.type()).isEqualTo(MessageType.RICH_TEXT);
			assertThat(m.text()).isEqualTo("客户名片 请跟进");
			assertThat(m.attachment()).isEqualTo("dc-r1");
		});
	}

	@Test
	void richTextWithoutPicturesAndVoiceWithoutRecognition() throws Exception {
		String base = message("msg-rt", "2", "staff-zhang", "", inAnHour());
		postSigned(base.replace("\"msgtype\":\"text\",\"text\":{\"content\":\"\"}",
				"\"msgtype\":\"richText\",\"content\":{\"richText\":[{\"text\":\"@bot /find \"},{\"text\":\"恒通\"}]}"));
		awaitProcessed("msg-rt");
		postSigned(base.replace("msg-rt", "msg-mute")
			.replace("\"msgtype\":\"text\",\"text\":{\"content\":\"\"}",
					"\"msgtype\":\"audio\",\"content\":{\"duration\":\"4000\",\"downloadCode\":\"dc-mute\"}"));
		awaitProcessed("msg-mute");
		assertThat(handler.seen).hasSize(2);
		assertThat(handler.seen.get(0).type()).isEqualTo(MessageType.TEXT);
		assertThat(handler.seen.get(0).text()).isEqualTo("/find 恒通");
		assertThat(handler.seen.get(1).type()).isEqualTo(MessageType.VOICE);
		assertThat(handler.seen.get(1).attachment()).isEqualTo("dc-mute");
	}

	@Test
	void groupMessagesThatDoNotAtTheRobotAreIgnored() throws Exception {
		String notForUs = message("msg-noat", "2", "staff-zhang", "大家好", inAnHour())
			.replace("\"isInAtList\":true", "\"isInAtList\":false")
			.replace("\"atUsers\":[{\"dingtalkId\":\"$:LWCP_v1:$bot\"}]",
					"\"atUsers\":[{\"dingtalkId\":\"$:LWCP_v1:$other\",\"staffId\":\"staff-li\"}]");
		assertThat(postSigned(notForUs).statusCode()).isEqualTo(200);
		// the robot is in atUsers although isInAtList is missing: for us
		String viaAtUsers = message("msg-atusers", "2", "staff-zhang", "@bot /help", inAnHour())
			.replace("\"isInAtList\":true,", "");
		assertThat(postSigned(viaAtUsers).statusCode()).isEqualTo(200);
		awaitProcessed("msg-atusers");
		// a one-to-one chat needs no mention
		String single = message("msg-single", "1", "staff-zhang", "/help", inAnHour()).replace("\"isInAtList\":true",
				"\"isInAtList\":false");
		assertThat(postSigned(single).statusCode()).isEqualTo(200);
		awaitProcessed("msg-single");
		outbox.drain();
		assertThat(handler.seen).extracting((m) -> m.messageId())
			.containsExactlyInAnyOrder("msg-atusers", "msg-single");
		assertThat(
				mongo.getCollection("inbound_ledger").find(new org.bson.Document("_id", "dingtalk:msg-noat")).first())
			.isNull();
		assertThat(outbox.find("dingtalk:reply:msg-noat:0")).isEmpty();
	}

}
