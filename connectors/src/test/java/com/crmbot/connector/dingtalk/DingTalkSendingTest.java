package com.crmbot.connector.dingtalk;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.testsupport.PlatformStub;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes through the durable outbox to the stub: batchSend in batches of 20, group
 * pushes, custom group robots under the 20-a-minute limit, and the retry classification
 * of DingTalk API errors (5xx, throttling, token expiry, permanent 4xx).
 */
class DingTalkSendingTest extends DingTalkTestBase {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DingTalkPusher pusher;

	@Test
	void aPushTo45UsersIsThreeBatchSendCalls() throws Exception {
		List<String> users = IntStream.range(0, 45).mapToObj((i) -> "staff-" + i).toList();
		assertThat(pusher.pushToUsers("push:45", users, Reply.text("明天 9 点例会"))).isEqualTo(3);
		assertThat(pusher.pushToUsers("push:45", users, Reply.text("明天 9 点例会"))).isZero();
		assertThat(outbox.drain()).isEqualTo(3);

		List<PlatformStub.Call> calls = STUB.callsUnder("/v1.0/robot/oToMessages/batchSend");
		assertThat(calls).hasSize(3);
		Set<String> all = new HashSet<>();
		List<Integer> sizes = new ArrayList<>();
		for (PlatformStub.Call c : calls) {
			assertThat(c.header("x-acs-dingtalk-access-token")).startsWith("tok-");
			JsonNode body = json.readTree(c.body());
			assertThat(body.get("robotCode").asString()).isEqualTo("dingtestrobot");
			assertThat(body.get("msgKey").asString()).isEqualTo("sampleText");
			sizes.add(body.get("userIds").size());
			body.get("userIds").values().forEach((n) -> all.add(n.asString()));
		}
		assertThat(sizes).containsExactlyInAnyOrder(20, 20, 5);
		assertThat(all).containsExactlyInAnyOrderElementsOf(users);
		assertThat(STUB.callsUnder("/v1.0/oauth2/accessToken")).hasSizeLessThanOrEqualTo(1);
	}

	@Test
	void groupPushGoesToGroupMessagesSendAsMarkdown() throws Exception {
		pusher.pushToGroup("push:group:1", "cidSales==", Reply.markdown("周报", "## 本周新增客户 12 家"));
		outbox.drain();
		List<PlatformStub.Call> calls = STUB.callsUnder("/v1.0/robot/groupMessages/send");
		assertThat(calls).hasSize(1);
		JsonNode body = json.readTree(calls.get(0).body());
		assertThat(body.get("openConversationId").asString()).isEqualTo("cidSales==");
		assertThat(body.get("msgKey").asString()).isEqualTo("sampleMarkdown");
		JsonNode param = json.readTree(body.get("msgParam").asString());
		assertThat(param.get("title").asString()).isEqualTo("周报");
		assertThat(param.get("text").asString()).contains("本周新增客户 12 家");
	}

	@Test
	void twentyFiveRobotNoticesQueuedTogetherAreMergedNothingLost() throws Exception {
		clock.advance(Duration.ofHours(2)); // a fresh limiter window
		for (int i = 0; i < 25; i++) {
			pusher.pushToRobot("notice:merged:" + i, "sales", Reply.text("通知 #" + i + " 客户跟进到期"));
		}
		outbox.drain();
		List<PlatformStub.Call> calls = STUB.callsUnder("/robot/send");
		assertThat(calls).hasSizeBetween(1, 20);
		assertAllNoticesDelivered(calls, "通知 #", 25);
		for (PlatformStub.Call c : calls) {
			assertSigned(c, "tok-sales", "SECsales0123456789");
		}
	}

	@Test
	void twentyFiveRobotNoticesOneByOneWithinAMinuteStayUnderTheLimit() throws Exception {
		clock.advance(Duration.ofHours(3)); // a fresh limiter window
		for (int i = 0; i < 25; i++) {
			pusher.pushToRobot("notice:single:" + i, "ops", Reply.text("提醒 #" + i));
			outbox.drain();
			clock.advance(Duration.ofSeconds(2));
		}
		// 50 seconds: the bucket (a burst of 10, then one every 6 s) keeps the robot
		// under 20
		// requests; what it holds back waits
		List<PlatformStub.Call> withinTheMinute = STUB.callsUnder("/robot/send");
		assertThat(withinTheMinute).hasSizeBetween(10, 20);

		// a minute later what waited goes out merged into one digest: nothing lost
		clock.advance(Duration.ofSeconds(61));
		outbox.drain();
		List<PlatformStub.Call> calls = STUB.callsUnder("/robot/send");
		assertThat(calls).hasSizeBetween(withinTheMinute.size(), withinTheMinute.size() + 1);
		assertAllNoticesDelivered(calls, "提醒 #", 25);
		// 25 notices in at most 21 requests: held-back notices went out merged
		assertThat(calls).anySatisfy((c) -> assertThat(c.body()).contains("markdown"));
		for (PlatformStub.Call c : calls) {
			assertSigned(c, "tok-ops", "SECops0123456789");
		}
		assertThat(outbox.count(OutboxEntry.Status.PENDING)).isZero();
	}

	@Test
	void unknownRobotFailsWithAReason() {
		pusher.pushToRobot("notice:nobody", "nobody", Reply.text("x"));
		outbox.drain();
		OutboxEntry e = outbox.find("notice:nobody").orElseThrow();
		assertThat(e.status()).isEqualTo(OutboxEntry.Status.FAILED);
		assertThat(e.lastError()).contains("nobody");
	}

	@Test
	void serverErrorIsRetriedThenSent() {
		OutboxEntry e = afterOneAttempt("/v1.0/robot/oToMessages/batchSend", 500,
				"{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}", "push:5xx",
				Recipient.user(Platform.DINGTALK, "staff-zhang"));
		assertThat(e.status()).isEqualTo(OutboxEntry.Status.PENDING);
		assertThat(e.attempts()).isEqualTo(1);
		assertThat(e.lastError()).contains("500");
		clock.advance(Duration.ofMinutes(1));
		outbox.drain();
		assertThat(outbox.find("push:5xx").orElseThrow().status()).isEqualTo(OutboxEntry.Status.SENT);
		assertThat(STUB.callsUnder("/v1.0/robot/oToMessages/batchSend")).hasSize(2);
	}

	@Test
	void expiredTokenIsRefreshedAndTheSendRetried() {
		OutboxEntry e = afterOneAttempt("/v1.0/robot/groupMessages/send", 401,
				"{\"code\":\"InvalidAuthentication\",\"message\":\"不合法的access_token\"}", "push:token",
				Recipient.conversation(Platform.DINGTALK, "cidSales=="));
		assertThat(e.status()).isEqualTo(OutboxEntry.Status.PENDING);
		assertThat(e.lastError()).contains("InvalidAuthentication");
		int tokensBefore = STUB.callsUnder("/v1.0/oauth2/accessToken").size();
		clock.advance(Duration.ofSeconds(5));
		outbox.drain();
		assertThat(outbox.find("push:token").orElseThrow().status()).isEqualTo(OutboxEntry.Status.SENT);
		assertThat(STUB.callsUnder("/v1.0/oauth2/accessToken")).hasSize(tokensBefore + 1);
		List<PlatformStub.Call> sends = STUB.callsUnder("/v1.0/robot/groupMessages/send");
		assertThat(sends.get(1).header("x-acs-dingtalk-access-token"))
			.isNotEqualTo(sends.get(0).header("x-acs-dingtalk-access-token"));
	}

	@Test
	void throttlingWaitsAndPermanentErrorsAreRecorded() {
		OutboxEntry e = afterOneAttempt("/v1.0/robot/groupMessages/send", 403,
				"{\"code\":\"Forbidden.AccessDenied.QpsLimitForApi\",\"message\":\"qps limit\"}", "push:qps",
				Recipient.conversation(Platform.DINGTALK, "cidSales=="));
		assertThat(e.status()).isEqualTo(OutboxEntry.Status.PENDING);
		assertThat(e.nextAttemptAt()).isAfterOrEqualTo(clock.instant().plusSeconds(30));

		OutboxEntry failed = afterOneAttempt("/v1.0/robot/oToMessages/batchSend", 400,
				"{\"code\":\"invalidParameter.userIds\",\"message\":\"bad user\"}", "push:400",
				Recipient.user(Platform.DINGTALK, "staff-x"));
		assertThat(failed.status()).isEqualTo(OutboxEntry.Status.FAILED);
		assertThat(failed.lastError()).contains("invalidParameter");
	}

	@Test
	void robotThrottledByDingTalkWaitsTenMinutes() {
		clock.advance(Duration.ofHours(4));
		STUB.script("/robot/send", 200, "{\"errcode\":410100,\"errmsg\":\"send too fast\"}");
		pusher.pushToRobot("notice:throttled", "sales", Reply.text("x"));
		outbox.drain();
		OutboxEntry e = outbox.find("notice:throttled").orElseThrow();
		assertThat(e.status()).isEqualTo(OutboxEntry.Status.PENDING);
		assertThat(e.attempts()).isZero();
		assertThat(e.nextAttemptAt()).isAfterOrEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
		clock.advance(Duration.ofMinutes(11));
		outbox.drain();
		assertThat(outbox.find("notice:throttled").orElseThrow().status()).isEqualTo(OutboxEntry.Status.SENT);
	}

	/**
	 * Script the stand-in's answer on a path, queue a message and try it once: the entry
	 * after that attempt.
	 */
	private OutboxEntry afterOneAttempt(String path, int status, String answer, String key, Recipient to) {
		STUB.script(path, status, answer);
		outbox.enqueue(key, to, Reply.text("hi"));
		outbox.drain();
		return outbox.find(key).orElseThrow();
	}

	private void assertAllNoticesDelivered(List<PlatformStub.Call> calls, String prefix, int n) {
		String all = String.join("\n", calls.stream().map(PlatformStub.Call::body).toList());
		// every notice exactly once: none lost, none duplicated
		for (int i = 0; i < n; i++) {
			String needle = prefix + i + " ";
			String needleEnd = prefix + i + "\"";
			String needleNl = prefix + i + "\\n";
			int count = count(all, needle) + count(all, needleEnd) + count(all, needleNl);
			assertThat(count).as("notice %d", i).isEqualTo(1);
		}
	}

	private static int count(String haystack, String needle) {
		int c = 0;
		for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
			c++;
		}
		return c;
	}

	/** Check the robot webhook's timestamp and sign with an independent HMAC. */
	private void assertSigned(PlatformStub.Call c, String accessToken, String secret) {
		Map<String, String> q = new HashMap<>();
		for (String kv : c.query().split("&")) {
			int eq = kv.indexOf('=');
			q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
		}
		assertThat(q.get("access_token")).isEqualTo(accessToken);
		try {
			assertThat(q.get("sign")).isEqualTo(sign(Long.parseLong(q.get("timestamp")), secret));
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void aSendCountsOnlyWhenDingTalkConfirmsIt() throws Exception {
		// 200 without processQueryKey: not confirmed, retried
		OutboxEntry e = afterOneAttempt("/v1.0/robot/oToMessages/batchSend", 200, "{}", "push:unconfirmed",
				Recipient.user(Platform.DINGTALK, "staff-a"));
		assertThat(e.status()).isEqualTo(OutboxEntry.Status.PENDING);
		assertThat(e.lastError()).contains("processQueryKey");
		clock.advance(Duration.ofMinutes(1));
		outbox.drain();
		assertThat(outbox.find("push:unconfirmed").orElseThrow().status()).isEqualTo(OutboxEntry.Status.SENT);

		STUB.script("/v1.0/robot/groupMessages/send", 200, "{}");
		outbox.enqueue("push:group-unconfirmed", Recipient.conversation(Platform.DINGTALK, "cidSales=="),
				Reply.text("hi"));
		outbox.drain();
		assertThat(outbox.find("push:group-unconfirmed").orElseThrow().status()).isEqualTo(OutboxEntry.Status.PENDING);
	}

	@Test
	void invalidUsersFailAndFlowControlledUsersAloneAreRetried() throws Exception {
		STUB.script("/v1.0/robot/oToMessages/batchSend", 200,
				"{\"processQueryKey\":\"pq-9\",\"invalidStaffIdList\":[\"staff-gone\"],"
						+ "\"flowControlledStaffIdList\":[\"staff-busy1\",\"staff-busy2\"]}");
		outbox.enqueue("push:mixed",
				Recipient.user(Platform.DINGTALK, "staff-a,staff-gone,staff-busy1,staff-busy2,staff-b"),
				Reply.text("hi"));
		outbox.drain();
		OutboxEntry e = outbox.find("push:mixed").orElseThrow();
		assertThat(e.status()).isEqualTo(OutboxEntry.Status.PENDING);
		assertThat(e.recipient().id()).isEqualTo("staff-busy1,staff-busy2");
		assertThat(e.lastError()).contains("staff-gone").contains("flow-controlled");
		outbox.drain();
		assertThat(STUB.callsUnder("/v1.0/robot/oToMessages/batchSend")).hasSize(1); // waits
																						// a
																						// minute
		clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		outbox.drain();
		List<PlatformStub.Call> calls = STUB.callsUnder("/v1.0/robot/oToMessages/batchSend");
		assertThat(calls).hasSize(2);
		List<String> retried = new ArrayList<>();
		json.readTree(calls.get(1).body()).get("userIds").values().forEach((n) -> retried.add(n.asString()));
		assertThat(retried).containsExactly("staff-busy1", "staff-busy2");
		assertThat(outbox.find("push:mixed").orElseThrow().status()).isEqualTo(OutboxEntry.Status.SENT);

		// only invalid users: failed for good, with the reason
		OutboxEntry bad = afterOneAttempt("/v1.0/robot/oToMessages/batchSend", 200,
				"{\"invalidStaffIdList\":[\"staff-gone\"]}", "push:invalid",
				Recipient.user(Platform.DINGTALK, "staff-gone"));
		assertThat(bad.status()).isEqualTo(OutboxEntry.Status.FAILED);
		assertThat(bad.lastError()).contains("invalid staff ids").contains("staff-gone");
	}

}
