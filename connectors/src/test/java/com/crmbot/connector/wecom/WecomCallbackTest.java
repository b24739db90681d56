package com.crmbot.connector.wecom;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.InboundLedger;
import com.crmbot.connector.MessageType;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Reply;
import com.crmbot.testsupport.PlatformStub;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Official vector V1 and every row of WECOM.md §6, over real HTTP. */
class WecomCallbackTest extends WecomIntegrationTest {

	static final String V1_ECHOSTR = "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==";

	static final String V1_MSG_QUERY = "msg_signature=0c3914025cb4b4d68103f6bfc8db550f79dcf48e&timestamp=1476422779&nonce=1597212914";

	static final String V1_ENCRYPT = "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+";

	@Autowired
	InboundLedger ledger;

	@Autowired
	WecomInboundRecovery recovery;

	@Autowired
	WecomInboundBatcher batcher;

	@Autowired
	org.springframework.data.mongodb.core.MongoTemplate mongo;

	static String v1Body(String agentId) {
		return "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><Encrypt><![CDATA[" + V1_ENCRYPT
				+ "]]></Encrypt><AgentID><![CDATA[" + agentId + "]]></AgentID></xml>";
	}

	@Test
	void v1UrlVerificationWithRawPlusSigns() throws Exception {
		HttpResponse<String> r = get(
				"msg_signature=012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb&timestamp=1476416373&nonce=47744683&echostr="
						+ V1_ECHOSTR);
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEqualTo("1288432023552776189");
	}

	@Test
	void v1UrlVerificationPercentEncodedOnce() throws Exception {
		HttpResponse<String> r = get(
				"msg_signature=012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb&timestamp=1476416373&nonce=47744683&echostr="
						+ URLEncoder.encode(V1_ECHOSTR, StandardCharsets.UTF_8));
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEqualTo("1288432023552776189");
	}

	@Test
	void v1MessageIsHandledAndAnsweredPassively() throws Exception {
		HttpResponse<String> r = post(V1_MSG_QUERY, v1Body("1000002"));
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(bot.messages).singleElement().satisfies((m) -> {
			assertThat(m.platform()).isEqualTo(Platform.WECOM);
			assertThat(m.messageId()).isEqualTo("1456453720");
			assertThat(m.senderId()).isEqualTo("ChenJiaShun");
			assertThat(m.conversationId()).isEqualTo("ChenJiaShun");
			assertThat(m.type()).isEqualTo(MessageType.TEXT);
			assertThat(m.text()).isEqualTo("你好");
		});
		String reply = openReply(r, "1597212914");
		assertThat(reply).contains("<ToUserName><![CDATA[ChenJiaShun]]></ToUserName>")
			.contains("<Content><![CDATA[收到: 你好]]></Content>");
		// §6: replay of a valid request: no second side effect
		HttpResponse<String> again = post(V1_MSG_QUERY, v1Body("1000002"));
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).isEmpty();
		assertThat(bot.messages).hasSize(1);
	}

	@Test
	void wrongSignatureIsRejectedOnGetAndPost() throws Exception {
		HttpResponse<String> g = get(
				"msg_signature=012bc692d0a58dd4b10f8dfe5c4ac00ae211ebec&timestamp=1476416373&nonce=47744683&echostr="
						+ V1_ECHOSTR);
		assertThat(g.statusCode()).isEqualTo(403);
		assertThat(g.body()).doesNotContain("1288432023552776189");
		HttpResponse<String> p = post(V1_MSG_QUERY.replace("1597212914", "1597212915"), v1Body("1000002"));
		assertThat(p.statusCode()).isEqualTo(403);
		assertThat(bot.messages).isEmpty();
	}

	@Test
	void missingParametersOrEmptyBodyAre400() throws Exception {
		assertThat(get("timestamp=1&nonce=2&echostr=abc").statusCode()).isEqualTo(400);
		assertThat(get("").statusCode()).isEqualTo(400);
		assertThat(post("timestamp=1&nonce=2", v1Body("1")).statusCode()).isEqualTo(400);
		assertThat(post(V1_MSG_QUERY, "").statusCode()).isEqualTo(400);
		assertThat(post(V1_MSG_QUERY, "<xml><ToUserName>x</ToUserName></xml>").statusCode()).isEqualTo(400);
	}

	@Test
	void echostrWithPlusIsDecodedOnceNeverAsSpace() throws Exception {
		// an echostr whose Base64 contains '+', sent raw and percent-encoded
		String enc;
		do {
			enc = tc.encrypt("echo-" + System.nanoTime());
		}
		while (!enc.contains("+"));
		String expected = tc.decrypt(enc)[0];
		String sig = tc.sign("1700000000", "n1", enc);
		String q = "msg_signature=" + sig + "&timestamp=1700000000&nonce=n1&echostr=";
		assertThat(get(q + enc).body()).isEqualTo(expected);
		assertThat(get(q + URLEncoder.encode(enc, StandardCharsets.UTF_8)).body()).isEqualTo(expected);
		// decoded exactly once: a double-encoded value is a different string and fails
		// the signature
		assertThat(get(q + URLEncoder.encode(URLEncoder.encode(enc, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
			.statusCode()).isEqualTo(403);
	}

	@Test
	void otherReceiveIdWithValidSignatureIsRejected() throws Exception {
		String enc = tc.encrypt(textXml("ChenJiaShun", "hi", "rid-1"), "wwSomeoneElse00000");
		String[] qb = tc.envelope(enc, "1700000000", "777");
		assertThat(post(qb[0], qb[1]).statusCode()).isEqualTo(403);
		String echo = tc.encrypt("12345", "wwSomeoneElse00000");
		assertThat(
				get("msg_signature=" + tc.sign("1", "2", echo) + "&timestamp=1&nonce=2&echostr=" + echo).statusCode())
			.isEqualTo(403);
		assertThat(bot.messages).isEmpty();
	}

	/**
	 * WeCom encrypts a group robot's callbacks with a blank receiveid: its URL check and
	 * its message callbacks pass, an app message with a blank receiveid does not.
	 */
	@Test
	void aBlankReceiveIdIsAcceptedOnlyForAGroupRobot() throws Exception {
		String echo = tc.encrypt("robot-echo-42", "");
		assertThat(get("msg_signature=" + tc.sign("1", "2", echo) + "&timestamp=1&nonce=2&echostr=" + echo).body())
			.isEqualTo("robot-echo-42");

		String[] app = tc.envelope(tc.encrypt(textXml("ChenJiaShun", "hi", "rid-blank-1"), ""), "1700000000", "778");
		assertThat(post(app[0], app[1]).statusCode()).isEqualTo(403);
		assertThat(bot.messages).isEmpty();

		String robot = "<xml><WebhookUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1]]>"
				+ "</WebhookUrl><ChatId><![CDATA[wrkRobotChat]]></ChatId><ChatType>group</ChatType>"
				+ "<From><UserId>ChenJiaShun</UserId></From><MsgId>robot-blank-1</MsgId><MsgType>text</MsgType>"
				+ "<Text><Content><![CDATA[@bot /help]]></Content></Text></xml>";
		String[] group = tc.envelope(tc.encrypt(robot, ""), "1700000000", "779");
		assertThat(post(group[0], group[1]).statusCode()).isEqualTo(200);
		await().untilAsserted(() -> assertThat(bot.messages).singleElement().satisfies((m) -> {
			assertThat(m.group()).isTrue();
			assertThat(m.conversationId()).isEqualTo("wrkRobotChat");
			assertThat(m.senderId()).isEqualTo("ChenJiaShun");
			assertThat(m.text()).isEqualTo("/help");
		}));
	}

	@Test
	void tamperedOuterAgentIdIsIgnored() throws Exception {
		String[] qb = tc.callback(textXml("ChenJiaShun", "agent?", "msg-agent-1"), "1700000000", "99");
		String tampered = qb[1]
			.replace("<AgentID><![CDATA[1000002]]></AgentID>", "<AgentID><![CDATA[9999999]]></AgentID>")
			.replace("<ToUserName><![CDATA[" + CORP_ID + "]]>", "<ToUserName><![CDATA[wwEvil]]>");
		assertThat(tampered).contains("9999999").contains("wwEvil");
		HttpResponse<String> r = post(qb[0], tampered);
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(bot.messages).singleElement()
			.satisfies((m) -> assertThat(m.extras()).containsEntry("agentId", "1000002"));
	}

	@Test
	void brokenCiphertextsGetAClean400() throws Exception {
		String[] broken = { "!!!not base64!!!", // Base64 garbage
				"AAAA", // wrong length (3 bytes)
				tc.rawEncrypt(new byte[32]), // pad byte 0
				tc.rawEncrypt(filled(64, 33)), // pad byte > 32
				tc.rawEncrypt(lengthPastBuffer()), // length field past the buffer
				tc.rawEncrypt(new byte[15 + 1]) // 16 bytes: pad 0
		};
		for (String enc : broken) {
			String[] qb = tc.envelope(enc, "1700000000", "42");
			HttpResponse<String> r = post(qb[0], qb[1]);
			assertThat(r.statusCode()).as(enc).isEqualTo(400);
		}
		assertThat(bot.messages).isEmpty();
	}

	static byte[] filled(int n, int value) {
		byte[] b = new byte[n];
		java.util.Arrays.fill(b, (byte) value);
		return b;
	}

	static byte[] lengthPastBuffer() {
		ByteBuffer b = ByteBuffer.allocate(64);
		b.put(new byte[16]).putInt(5000).put("<xml/>".getBytes(StandardCharsets.UTF_8));
		byte[] a = b.array();
		for (int i = 64 - 8; i < 64; i++) {
			a[i] = 8;
		}
		return a;
	}

	@Test
	void doctypeAndEntitiesAreRefusedOuterAndInner() throws Exception {
		String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>";
		// outer
		HttpResponse<String> outer = post(V1_MSG_QUERY, laughs + v1Body("1000002"));
		assertThat(outer.statusCode()).isEqualTo(400);
		String xxe = "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
		assertThat(post(V1_MSG_QUERY, xxe + v1Body("1000002")).statusCode()).isEqualTo(400);
		// inner, properly encrypted and signed
		assertThat(deliver(xxe + textXml("ChenJiaShun", "&xxe;", "inner-xxe")).statusCode()).isEqualTo(400);
		assertThat(deliver(laughs + textXml("ChenJiaShun", "&lol2;", "inner-lol")).statusCode()).isEqualTo(400);
		assertThat(bot.messages).isEmpty();
	}

	@Test
	void bodyOverTheLimitIs413() throws Exception {
		String big = v1Body("1000002") + " ".repeat(9000);
		assertThat(post(V1_MSG_QUERY, big).statusCode()).isEqualTo(413);
	}

	@Test
	void unknownMsgTypeAndEventAre200() throws Exception {
		String unknownType = "<xml><ToUserName>" + CORP_ID
				+ "</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1700000001</CreateTime><MsgType>hologram</MsgType><MsgId>u-1</MsgId><AgentID>1000002</AgentID></xml>";
		assertThat(deliver(unknownType).statusCode()).isEqualTo(200);
		String unknownEvent = "<xml><ToUserName>" + CORP_ID
				+ "</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1700000001</CreateTime><MsgType>event</MsgType><Event>teleport</Event><AgentID>1000002</AgentID></xml>";
		HttpResponse<String> r = deliver(unknownEvent);
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEmpty();
		assertThat(bot.messages).isEmpty();
		assertThat(bot.events).isEmpty();
	}

	@Test
	void sameMsgIdThreeTimesHasOneEffect() throws Exception {
		String xml = textXml("ChenJiaShun", "三次", "msg-triple-1");
		for (int i = 0; i < 3; i++) {
			assertThat(deliver(xml).statusCode()).isEqualTo(200);
		}
		assertThat(bot.messages).hasSize(1);
		assertThat(ledger.status("wecom:msg:msg-triple-1")).isEqualTo(InboundLedger.Status.DONE);
	}

	@Test
	void twoDifferentSysEventsInTheSameSecondAreBothProcessed() throws Exception {
		QYAPI.defaultJson("/cgi-bin/externalcontact/get", contactJson("wmA", "张先生"));
		String a = contactEventXml("add_external_contact", "ChenJiaShun", "wmA", "1700000500");
		String b = contactEventXml("add_external_contact", "ChenJiaShun", "wmB", "1700000500");
		assertThat(deliver(a).statusCode()).isEqualTo(200);
		assertThat(deliver(b).statusCode()).isEqualTo(200);
		assertThat(deliver(a).statusCode()).isEqualTo(200);
		assertThat(bot.events).extracting((e) -> e.attributes().get("externalUserId")).containsExactly("wmA", "wmB");
	}

	@Test
	void aFailedMessageIsAcknowledgedAndProcessedAgainByTheRecoverySweep() throws Exception {
		bot.onMessage = (m) -> {
			throw new IllegalStateException("store down");
		};
		String xml = textXml("ChenJiaShun", "重试我", "msg-fail-1");
		HttpResponse<String> first = deliver(xml);
		// recorded durably before the answer: WeCom need not retry
		assertThat(first.statusCode()).isEqualTo(200);
		await().untilAsserted(
				() -> assertThat(ledger.status("wecom:msg:msg-fail-1")).isEqualTo(InboundLedger.Status.FAILED));
		bot.onMessage = FakeBot::echo;
		// WeCom's retry of a recorded message is acknowledged without a second side
		// effect
		HttpResponse<String> retry = deliver(xml);
		assertThat(retry.statusCode()).isEqualTo(200);
		assertThat(bot.messages).hasSize(1);
		assertThat(recovery.sweep()).isEqualTo(1);
		assertThat(bot.messages).hasSize(2);
		assertThat(ledger.status("wecom:msg:msg-fail-1")).isEqualTo(InboundLedger.Status.DONE);
		assertThat(recovery.sweep()).isZero();
	}

	@Test
	void aMessageClaimedByAProcessThatDiedIsProcessedOnceItsClaimIsStale() throws Exception {
		String inner = "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[ChenJiaShun]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[处理中崩溃]]></Content><MsgId>msg-crash-2</MsgId><AgentID>1000002</AgentID></xml>";
		assertThat(ledger.record("wecom:msg:msg-crash-2", "wecom", inner)).isTrue();
		assertThat(ledger.claim("wecom:msg:msg-crash-2")).isTrue();
		// claimed, then the process died: not re-processed while the claim is fresh
		assertThat(recovery.sweep(java.time.Duration.ZERO)).isZero();
		mongo.updateFirst(
				org.springframework.data.mongodb.core.query.Query.query(
						org.springframework.data.mongodb.core.query.Criteria.where("_id").is("wecom:msg:msg-crash-2")),
				new org.springframework.data.mongodb.core.query.Update().set("staleAt",
						java.time.Instant.now().minusSeconds(1)),
				"inbound_ledger");
		assertThat(recovery.sweep(java.time.Duration.ZERO)).isEqualTo(1);
		assertThat(bot.messages).singleElement().satisfies((m) -> assertThat(m.text()).isEqualTo("处理中崩溃"));
		assertThat(ledger.status("wecom:msg:msg-crash-2")).isEqualTo(InboundLedger.Status.DONE);
	}

	@Test
	void aMessageRecordedButNeverProcessedIsProcessedByTheRecoverySweep() throws Exception {
		// what a kill -9 right after the 200 leaves behind: the ledger entry with the
		// decrypted message, nothing else
		String inner = "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[ChenJiaShun]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[崩溃前收到]]></Content><MsgId>msg-crash-1</MsgId><AgentID>1000002</AgentID></xml>";
		assertThat(ledger.record("wecom:msg:msg-crash-1", "wecom", inner)).isTrue();
		assertThat(ledger.record("wecom:msg:msg-crash-1", "wecom", inner)).isFalse();
		assertThat(recovery.sweep(java.time.Duration.ZERO)).isEqualTo(1);
		assertThat(bot.messages).singleElement().satisfies((m) -> assertThat(m.text()).isEqualTo("崩溃前收到"));
		assertThat(ledger.status("wecom:msg:msg-crash-1")).isEqualTo(InboundLedger.Status.DONE);
		// its reply went to the outbox, keyed by the message id
		assertThat(outbox.find("wecom:reply:msg-crash-1:0")).isPresent();
		assertThat(recovery.sweep(java.time.Duration.ZERO)).isZero();
		assertThat(bot.messages).hasSize(1);
	}

	@Test
	void aSlowBotOrStoreIsAcknowledgedFirstAndNothingIsLost() throws Exception {
		bot.onMessage = (m) -> {
			try {
				Thread.sleep(2500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return List.of(Reply.text("慢回复"));
		};
		long t0 = System.nanoTime();
		HttpResponse<String> r = deliver(textXml("ChenJiaShun", "慢", "msg-slow-1"));
		long ms = (System.nanoTime() - t0) / 1_000_000;
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEmpty();
		assertThat(ms).isLessThan(2400);
		await().atMost(java.time.Duration.ofSeconds(10))
			.until(() -> outbox.find("wecom:reply:msg-slow-1:0").isPresent());
		outbox.drain();
		List<PlatformStub.Call> sends = QYAPI.calls("/cgi-bin/message/send");
		assertThat(sends).singleElement().satisfies((c) -> {
			assertThat(c.body()).contains("\"touser\":\"ChenJiaShun\"").contains("慢回复");
			assertThat(c.body()).contains("\"enable_duplicate_check\":1");
		});
	}

	@Test
	void withNoBudgetAnAnswerReadyBeforeTheRequestThreadLooksStillGoesThroughTheOutbox() throws Exception {
		// the race the crash harness met on a busy machine: the worker finished the
		// batch before the request thread (budget 0) gave up waiting, so the answer was
		// promised passively and never queued
		WecomInbound in = new WecomInbound(SafeXml.parse(textXml("ChenJiaShun", "快", "msg-fast-1")));
		assertThat(ledger.recordClaimed(in.dedupeKey(), "wecom", "<xml/>")).isTrue();
		WecomInboundBatcher.Item item = WecomInboundBatcher.Item.forBudget(in, 0);
		batcher.processBatch(List.of(item));
		assertThat(WecomInboundBatcher.awaitPassive(item, 0)).as("passive answer").isNull();
		assertThat(outbox.find("wecom:reply:msg-fast-1:0")).isPresent();
		// with a budget, the same situation answers passively (nothing queued)
		WecomInbound in2 = new WecomInbound(SafeXml.parse(textXml("ChenJiaShun", "快", "msg-fast-2")));
		assertThat(ledger.recordClaimed(in2.dedupeKey(), "wecom", "<xml/>")).isTrue();
		WecomInboundBatcher.Item item2 = WecomInboundBatcher.Item.forBudget(in2, 50);
		batcher.processBatch(List.of(item2));
		assertThat(WecomInboundBatcher.awaitPassive(item2, 50)).as("passive answer").isNotNull();
		assertThat(outbox.find("wecom:reply:msg-fast-2:0")).isEmpty();
	}

	@Test
	void mediaMessagesAreMapped() throws Exception {
		String base = "<xml><ToUserName>" + CORP_ID
				+ "</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1700000002</CreateTime>";
		deliver(base
				+ "<MsgType>image</MsgType><PicUrl>http://p/x.jpg</PicUrl><MediaId>MID1</MediaId><MsgId>m-img</MsgId><AgentID>1000002</AgentID></xml>");
		deliver(base
				+ "<MsgType>location</MsgType><Location_X>23.1</Location_X><Location_Y>113.3</Location_Y><Scale>15</Scale><Label>广州塔</Label><MsgId>m-loc</MsgId><AgentID>1000002</AgentID></xml>");
		deliver(base
				+ "<MsgType>link</MsgType><Title>报价单</Title><Description>d</Description><Url>http://u/1</Url><PicUrl>p</PicUrl><MsgId>m-link</MsgId><AgentID>1000002</AgentID></xml>");
		deliver(base
				+ "<MsgType>voice</MsgType><MediaId>VOICE1</MediaId><Format>amr</Format><MsgId>m-voice</MsgId><AgentID>1000002</AgentID></xml>");
		assertThat(bot.messages).extracting(ChatMessage::type, ChatMessage::attachment, ChatMessage::text)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(MessageType.IMAGE, "MID1", "[图片]"),
					org.assertj.core.groups.Tuple.tuple(MessageType.LOCATION, "23.1,113.3 广州塔", "广州塔"),
					org.assertj.core.groups.Tuple.tuple(MessageType.LINK, "http://u/1", "报价单"),
					org.assertj.core.groups.Tuple.tuple(MessageType.VOICE, "VOICE1", "[语音]"));
	}

	static String contactEventXml(String changeType, String rep, String ext, String createTime) {
		return "<xml><ToUserName><![CDATA[" + CORP_ID
				+ "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>" + createTime
				+ "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA["
				+ changeType + "]]></ChangeType><UserID><![CDATA[" + rep + "]]></UserID><ExternalUserID><![CDATA[" + ext
				+ "]]></ExternalUserID><State><![CDATA[expo]]></State><WelcomeCode><![CDATA[WC]]></WelcomeCode></xml>";
	}

	static String contactJson(String ext, String name) {
		return "{\"errcode\":0,\"errmsg\":\"ok\",\"external_contact\":{\"external_userid\":\"" + ext + "\",\"name\":\""
				+ name + "\",\"position\":\"采购经理\",\"type\":1,\"corp_name\":\"腾讯\",\"corp_full_name\":\"腾讯科技有限公司\"},"
				+ "\"follow_user\":[{\"userid\":\"ChenJiaShun\",\"remark\":\"展会客户\",\"description\":\"d\",\"createtime\":1700000000,"
				+ "\"remark_mobiles\":[\"13800000000\",\"13900000000\"],\"add_way\":1}],\"next_cursor\":\"\"}";
	}

}
