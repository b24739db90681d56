package com.crmbot.connector.dingtalk;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.crmbot.testsupport.PlatformStub;
import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.models.bot.ChatbotMessage;
import com.crmbot.connector.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream mode without connecting to DingTalk: a realistic robot payload is turned into
 * the SDK's {@link ChatbotMessage} the way the SDK does it (its shaded fastjson2), handed
 * to our listener, and answered through the session webhook with the @-mention the SDK's
 * BotReplier would drop. Then the watchdog: silence and failed starts cause logged
 * reconnects.
 */
class DingTalkStreamTest extends DingTalkTestBase {

	@Autowired
	DingTalkInboundProcessor processor;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aStreamPayloadReachesTheHandlerAndIsAnsweredWithMention() throws Exception {
		String payload = message("msg-stream-1", "2", "staff-li", "@crm-bot /help",
				clock.millis() + Duration.ofMinutes(90).toMillis());
		ChatbotMessage m = shade.com.alibaba.fastjson2.JSON.parseObject(payload, ChatbotMessage.class);
		DingTalkStreamListener listener = new DingTalkStreamListener(processor, Runnable::run, clock);

		assertThat(listener.execute(m)).isNull();
		assertThat(listener.execute(m)).isNull(); // delivered twice even after the ACK:
													// one effect

		assertThat(handler.seen).singleElement().satisfies((msg) -> {
			assertThat(msg.messageId()).isEqualTo("msg-stream-1");
			assertThat(msg.senderId()).isEqualTo("staff-li");
			assertThat(msg.text()).isEqualTo("/help");
			assertThat(msg.group()).isTrue();
		});
		assertThat(outbox.drain()).isEqualTo(1);
		List<PlatformStub.Call> posts = STUB.callsUnder("/session/robot");
		assertThat(posts).hasSize(1);
		JsonNode body = json.readTree(posts.get(0).body());
		assertThat(body.get("at").get("atUserIds").get(0).asString()).isEqualTo("staff-li");
		assertThat(body.get("text").get("content").asString()).contains(DingTalkTestApp.HELP);
	}

	@Test
	void theRealSdkAcceptsOurListener() throws Exception {
		// building resolves the listener's generic types (no connection is opened)
		OpenDingTalkClient client = com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder.custom()
			.credential(new com.dingtalk.open.app.api.security.AuthClientCredential("id", "secret"))
			.registerCallbackListener(com.dingtalk.open.app.api.callback.DingTalkStreamTopics.BOT_MESSAGE_TOPIC,
					new DingTalkStreamListener(processor, Runnable::run, clock))
			.build();
		assertThat(client).isNotNull();
	}

	@Test
	void watchdogReconnectsOnSilenceAndAfterAFailedStart() {
		AtomicInteger built = new AtomicInteger();
		List<FakeClient> clients = new CopyOnWriteArrayList<>();
		AtomicInteger failNext = new AtomicInteger(0);
		DingTalkStreamListener listener = new DingTalkStreamListener(processor, Runnable::run, clock);
		DingTalkStreamRunner runner = new DingTalkStreamRunner(() -> {
			built.incrementAndGet();
			FakeClient c = new FakeClient(failNext.getAndSet(0) > 0);
			clients.add(c);
			return c;
		}, listener, clock, Duration.ofMinutes(15), Duration.ofHours(1));
		runner.start();
		try {
			assertThat(built).hasValue(1);
			clock.advance(Duration.ofMinutes(10));
			runner.check();
			assertThat(runner.reconnects()).isZero();

			clock.advance(Duration.ofMinutes(6)); // 16 minutes of silence
			failNext.set(1);
			runner.check();
			assertThat(runner.reconnects()).isEqualTo(1);
			assertThat(clients.get(0).stopped).isTrue();
			assertThat(clients.get(1).started).isFalse(); // start failed

			runner.check(); // no client: try again at once
			assertThat(runner.reconnects()).isEqualTo(2);
			assertThat(clients.get(2).started).isTrue();

			clock.advance(Duration.ofMinutes(10));
			listener.touch(); // a message arrived: not silent
			clock.advance(Duration.ofMinutes(10));
			runner.check();
			assertThat(runner.reconnects()).isEqualTo(2);

			runner.reconnect("disconnect reported");
			assertThat(runner.reconnects()).isEqualTo(3);
			assertThat(clients).hasSize(4);
		}
		finally {
			runner.stop();
		}
		assertThat(clients.get(3).stopped).isTrue();
	}

	@Test
	void aDroppedConnectionIsReplacedWithinAMinute() {
		java.util.concurrent.atomic.AtomicReference<Boolean> up = new java.util.concurrent.atomic.AtomicReference<>(
				true);
		List<FakeClient> clients = new CopyOnWriteArrayList<>();
		DingTalkStreamListener listener = new DingTalkStreamListener(processor, Runnable::run, clock);
		Duration interval = Duration.ofSeconds(10);
		DingTalkStreamRunner runner = new DingTalkStreamRunner(() -> {
			FakeClient c = new FakeClient(false);
			clients.add(c);
			return c;
		}, listener, clock, Duration.ofMinutes(15), Duration.ofHours(1), (c) -> up.get(), Duration.ofSeconds(20));
		runner.start();
		try {
			// connected and quiet for ten minutes: no reconnect (silence alone is fine
			// while the connection is known to be up)
			for (int i = 0; i < 60; i++) {
				clock.advance(interval);
				runner.check();
			}
			assertThat(runner.reconnects()).isZero();

			// the connection drops silently: noticed and replaced within a minute
			up.set(false);
			java.time.Instant dropped = clock.instant();
			while (runner.reconnects() == 0 && Duration.between(dropped, clock.instant()).toSeconds() < 120) {
				clock.advance(interval);
				runner.check();
			}
			assertThat(runner.reconnects()).isEqualTo(1);
			assertThat(Duration.between(dropped, clock.instant())).isLessThanOrEqualTo(Duration.ofMinutes(1));
			assertThat(clients).hasSize(2);
			assertThat(clients.get(0).stopped).isTrue();
			assertThat(clients.get(1).started).isTrue();

			// a blip the SDK repairs itself within the grace is left alone
			up.set(false);
			clock.advance(interval);
			runner.check();
			up.set(true);
			clock.advance(interval);
			runner.check();
			up.set(false);
			clock.advance(interval);
			runner.check();
			up.set(true);
			clock.advance(interval);
			runner.check();
			assertThat(runner.reconnects()).isEqualTo(1);
		}
		finally {
			runner.stop();
		}
	}

	@Test
	void theSdkClientsConnectionCanBeInspected() {
		OpenDingTalkClient client = com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder.custom()
			.credential(new com.dingtalk.open.app.api.security.AuthClientCredential("id", "secret"))
			.registerCallbackListener(com.dingtalk.open.app.api.callback.DingTalkStreamTopics.BOT_MESSAGE_TOPIC,
					new DingTalkStreamListener(processor, Runnable::run, clock))
			.build();
		// a real, not started SDK client: known to be down (not "unknown")
		assertThat(new DingTalkStreamLiveness().connected(client)).isFalse();
	}

	@Test
	void aCardButtonTapRunsTheCommandAsThatUserOnce() throws Exception {
		String payload = """
				{"outTrackId":"approval-42-boss","corpId":"dingcorp","userId":"staff-li","type":"actionCallback",
				 "value":"{\\"cardPrivateData\\":{\\"actionIds\\":[\\"approve\\"],\\"params\\":{\\"key\\":\\"approval:approve:42\\",\\"command\\":\\"/approve 42\\"}}}"}
				""";
		DingTalkCardCallbackListener.CardCallback cb = shade.com.alibaba.fastjson2.JSON.parseObject(payload,
				DingTalkCardCallbackListener.CardCallback.class);
		DingTalkCardCallbackListener listener = new DingTalkCardCallbackListener(processor, Runnable::run, null);
		listener.execute(cb);
		listener.execute(cb); // delivered twice: one effect
		assertThat(handler.events).singleElement().satisfies((e) -> {
			assertThat(e.type()).isEqualTo(com.crmbot.connector.ChatEvent.BUTTON_CLICKED);
			assertThat(e.userId()).isEqualTo("staff-li");
			assertThat(e.attributes()).containsEntry("key", "approval:approve:42")
				.containsEntry("command", "/approve 42");
		});
		assertThat(outbox.drain()).isEqualTo(1);
		JsonNode body = json.readTree(STUB.callsUnder("/v1.0/robot/oToMessages/batchSend").get(0).body());
		assertThat(body.get("userIds").get(0).asString()).isEqualTo("staff-li");
		assertThat(body.get("msgParam").asString()).contains("已处理: /approve 42");

		// someone who is not a user of the bot: nothing happens
		cb.setUserId("staff-stranger");
		listener.execute(cb);
		assertThat(handler.events).hasSize(1);
	}

	@Test
	void buttonsBecomeAnActionCardOneToOneAndCommandsInGroups() throws Exception {
		Reply withButtons = Reply.text("审批 42：恒通 300,000 元")
			.withButtons(List.of(new Reply.Button("approval:approve:42", "同意", "/approve 42"),
					new Reply.Button("approval:reject:42", "驳回", "/reject 42")));
		outbox.enqueue("push:card",
				com.crmbot.connector.Recipient.user(com.crmbot.connector.Platform.DINGTALK, "staff-li"), withButtons);
		outbox.enqueue("push:card-group",
				com.crmbot.connector.Recipient.conversation(com.crmbot.connector.Platform.DINGTALK, "cidSales=="),
				withButtons);
		outbox.drain();
		JsonNode oto = json.readTree(STUB.callsUnder("/v1.0/robot/oToMessages/batchSend").get(0).body());
		assertThat(oto.get("msgKey").asString()).isEqualTo("sampleActionCard2");
		JsonNode p = json.readTree(oto.get("msgParam").asString());
		assertThat(p.get("text").asString()).isEqualTo("审批 42：恒通 300,000 元");
		assertThat(p.get("actionTitle1").asString()).isEqualTo("同意");
		assertThat(p.get("actionURL1").asString()).isEqualTo("dtmd://dingtalkclient/sendMessage?content=%2Fapprove+42");
		assertThat(p.get("actionTitle2").asString()).isEqualTo("驳回");
		JsonNode group = json.readTree(STUB.callsUnder("/v1.0/robot/groupMessages/send").get(0).body());
		assertThat(group.get("msgKey").asString()).isEqualTo("sampleText");
		assertThat(group.get("msgParam").asString()).contains("/approve 42");
	}

	@Test
	void aNativeApprovalEventReachesTheBotOnce() {
		com.dingtalk.open.app.api.message.GenericOpenDingTalkEvent e = new com.dingtalk.open.app.api.message.GenericOpenDingTalkEvent();
		e.setEventId("evt-approval-1");
		e.setEventType("bpms_instance_change");
		e.setData(shade.com.alibaba.fastjson2.JSON.parseObject(
				"{\"processInstanceId\":\"pi-42\",\"type\":\"finish\",\"result\":\"agree\",\"staffId\":\"staff-li\"}"));
		DingTalkEventListener listener = new DingTalkEventListener(processor, null);
		assertThat(listener.onEvent(e)).isEqualTo(com.dingtalk.open.app.stream.protocol.event.EventAckStatus.SUCCESS);
		assertThat(listener.onEvent(e)).isEqualTo(com.dingtalk.open.app.stream.protocol.event.EventAckStatus.SUCCESS);
		assertThat(handler.events).singleElement().satisfies((ev) -> {
			assertThat(ev.type()).isEqualTo(com.crmbot.connector.ChatEvent.APPROVAL_CHANGED);
			assertThat(ev.attributes()).containsEntry("processInstanceId", "pi-42")
				.containsEntry("type", "finish")
				.containsEntry("result", "agree");
		});
		// the real SDK takes the listeners
		assertThat(com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder.custom()
			.credential(new com.dingtalk.open.app.api.security.AuthClientCredential("id", "secret"))
			.registerCallbackListener(com.dingtalk.open.app.api.callback.DingTalkStreamTopics.CARD_CALLBACK_TOPIC,
					new DingTalkCardCallbackListener(processor, Runnable::run, null))
			.registerAllEventListener(listener)
			.build()).isNotNull();
	}

	static final class FakeClient implements OpenDingTalkClient {

		final boolean failStart;

		volatile boolean started;

		volatile boolean stopped;

		FakeClient(boolean failStart) {
			this.failStart = failStart;
		}

		@Override
		public void start() throws Exception {
			if (failStart) {
				throw new java.net.ConnectException("gateway unreachable");
			}
			started = true;
		}

		@Override
		public void stop() {
			stopped = true;
		}

	}

}
