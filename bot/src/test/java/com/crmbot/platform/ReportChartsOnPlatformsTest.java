package com.crmbot.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.crmbot.customer.Customer;
import com.crmbot.testsupport.PlatformStub;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A report asked for in WeCom and in DingTalk arrives as an uploaded chart image plus the
 * reading, through the real WxJava / DingTalk SDK against the local stand-in.
 */
class ReportChartsOnPlatformsTest extends PlatformTestSupport {

	void customers() {
		Instant now = Instant.now();
		for (String stage : List.of("拜访", "方案", "方案", "谈判", "成交")) {
			String id = new ObjectId().toHexString();
			mongo.insert(new Customer(id, "客户" + id, null, null, null, null, null, null, null, null, "江苏", null,
					"zhangsan", "east", stage, List.of(), Map.of(), 0, now.minus(Duration.ofDays(1)), null, null,
					"command", null, null, null));
		}
	}

	@Test
	void wecomUploadsTheFunnelChartAndSendsAnImageMessageThenTheReading() throws Exception {
		customers();
		STUB.defaultJson("/cgi-bin/media/upload",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"type\":\"image\",\"media_id\":\"MEDIA-FUNNEL\",\"created_at\":\"1380000000\"}");
		String msgId = "7100" + System.nanoTime();
		var r = deliverWecom(wecomText("ZhangSan", "/漏斗", msgId), "99887766");
		assertThat(r.statusCode()).isEqualTo(200);
		// an image cannot go in a passive reply: it is sent actively
		assertThat(r.body()).isEmpty();
		await().atMost(WAIT).until(() -> outbox.find("wecom:reply:" + msgId + ":0").isPresent());
		outbox.drain();
		List<PlatformStub.Call> uploads = STUB.calls("/cgi-bin/media/upload");
		assertThat(uploads).singleElement().satisfies((c) -> {
			assertThat(c.param("type")).isEqualTo("image");
			assertThat(c.body()).contains("PNG").contains(".png");
		});
		List<PlatformStub.Call> sends = STUB.calls("/cgi-bin/message/send");
		assertThat(sends).hasSize(2);
		JsonNode image = JSON.readTree(sends.get(0).body());
		assertThat(image.get("msgtype").asString()).isEqualTo("image");
		assertThat(image.get("image").get("media_id").asString()).isEqualTo("MEDIA-FUNNEL");
		assertThat(image.get("touser").asString()).isEqualTo("ZhangSan");
		JsonNode text = JSON.readTree(sends.get(1).body());
		assertThat(text.get("text").get("content").asString()).contains("销售漏斗").contains("共 5 个客户");
	}

	@Test
	void dingtalkUploadsTheRegionMapAndSendsAnImageMessageThenTheReading() throws Exception {
		customers();
		STUB.defaultJson("/media/upload",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"type\":\"image\",\"media_id\":\"@lADPMAP\"}");
		String msgId = "msgRegion" + System.nanoTime();
		long now = System.currentTimeMillis();
		String body = """
				{"conversationId":"cidP2P==","chatbotCorpId":"dingcorp","chatbotUserId":"$:LWCP_v1:$bot",
				 "msgId":"%s","senderNick":"张三","isAdmin":false,"senderStaffId":"0101",
				 "sessionWebhookExpiredTime":%d,"createAt":%d,"senderCorpId":"dingcorp","conversationType":"1",
				 "senderId":"$:LWCP_v1:$sender","sessionWebhook":"%s/session/robot?session=p2p",
				 "robotCode":"%s","msgtype":"text","text":{"content":"/地区"}}
				""".formatted(msgId, now + Duration.ofMinutes(90).toMillis(), now, STUB.baseUrl(), DINGTALK_CLIENT_ID);
		assertThat(deliverDingTalk(body).statusCode()).isEqualTo(200);
		awaitProcessed("dingtalk:" + msgId);
		outbox.drain();
		assertThat(STUB.calls("/media/upload")).singleElement().satisfies((c) -> {
			assertThat(c.param("type")).isEqualTo("image");
			assertThat(c.param("access_token")).isNotBlank();
			assertThat(c.body()).contains("name=\"media\"").contains("PNG");
		});
		List<PlatformStub.Call> oto = STUB.calls("/v1.0/robot/oToMessages/batchSend");
		assertThat(oto).singleElement().satisfies((c) -> {
			JsonNode n = JSON.readTree(c.body());
			assertThat(n.get("msgKey").asString()).isEqualTo("sampleImageMsg");
			assertThat(JSON.readTree(n.get("msgParam").asString()).get("photoURL").asString()).isEqualTo("@lADPMAP");
			assertThat(n.get("userIds").get(0).asString()).isEqualTo("0101");
		});
		List<PlatformStub.Call> posts = STUB.calls("/session/robot");
		assertThat(posts).singleElement().satisfies((c) -> assertThat(c.body()).contains("地区分布").contains("江苏：5 个"));
	}

}
