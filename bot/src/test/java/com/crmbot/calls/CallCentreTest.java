package com.crmbot.calls;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.crmbot.config.ConfigError;
import com.crmbot.config.ConfigService;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.task.Task;
import com.crmbot.task.WorkflowTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stand-in call centre pushes signed records to {@code POST /api/calls} in its own
 * format (config/calls.yaml's mapping): matched, unknown number, missed, duplicate, bad
 * signature, a ringing card, and the recording link.
 */
class CallCentreTest extends WorkflowTestSupport {

	private static final String SECRET = "test-callcentre-secret";

	@Autowired
	ConfigService config;

	@Override
	protected void extraCleanup() {
		super.extraCleanup();
		mongo.remove(new Query(), Call.COLLECTION);
	}

	@BeforeEach
	void enable() throws IOException {
		System.setProperty("CALLCENTER_ENABLED", "true");
		System.setProperty("CALLCENTER_SECRET", SECRET);
		System.setProperty("CALLCENTER_TOKEN", "test-static-token");
		Files.copy(Path.of("../config/calls.yaml"), CONFIG_DIR.resolve("calls.yaml"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		reload();
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
	}

	@AfterEach
	void disable() throws IOException {
		System.clearProperty("CALLCENTER_ENABLED");
		Files.copy(Path.of("../config/calls.yaml"), CONFIG_DIR.resolve("calls.yaml"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		reload();
	}

	private void reload() {
		List<ConfigError> errors = config.reload();
		assertThat(errors).isEmpty();
	}

	/** A hang-up record in the vendor's format. */
	private static Map<String, Object> hangup(String id, String from, String state, Object talk) {
		return map("CallSheetID", id, "EventType", "Hangup", "CallType", "normal", "CallNo", from, "CalledNo",
				"051268001234", "Exten", "8001", "Ring", "2026-12-02 09:58:00", "Begin",
				"dealing".equals(state) ? "2026-12-02 09:58:10" : "", "End", "2026-12-02 10:01:22", "TalkSeconds", talk,
				"RecordFile", "https://rec.example.com/2026/12/02/" + id + ".mp3", "State", state);
	}

	private Response signed(Object body) {
		return signedAt(body, CLOCK.instant().getEpochSecond(), SECRET);
	}

	private Response signedAt(Object body, long timestamp, String secret) {
		String json = (body instanceof String s) ? s : JSON.writeValueAsString(body);
		return send(HttpRequest.newBuilder(uri("/api/calls"))
			.header("Content-Type", "application/json")
			.header("X-Crm-Timestamp", Long.toString(timestamp))
			.header("X-Crm-Signature", sign(secret, timestamp, json))
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
			.build());
	}

	/** The call centre's side of the signature, written independently of the bot's. */
	private static String sign(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Customer hengtong() {
		return mongo.findOne(Query.query(Criteria.where("phones").is("+8613812345678")), Customer.class);
	}

	private List<FollowUp> calls() {
		return mongo.find(Query.query(Criteria.where("kind").is(FollowUp.Kind.CALL)), FollowUp.class);
	}

	@Test
	void aSignedRecordOfAKnownNumberBecomesACallFollowUpWithItsRecordingLink() throws Exception {
		Response r = signed(hangup("C1001", "138-1234-5678", "dealing", 192));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		JsonNode json = r.json();
		assertThat(json.get("status").asString()).isEqualTo("filed");
		assertThat(json.get("customerId").asString()).isEqualTo(hengtong().id());
		assertThat(json.get("newLead").asBoolean()).isFalse();
		List<FollowUp> calls = calls();
		assertThat(calls).hasSize(1);
		FollowUp f = calls.get(0);
		assertThat(f.customerId()).isEqualTo(hengtong().id());
		assertThat(f.authorId()).isEqualTo("zhangsan");
		assertThat(f.text()).contains("通话", "呼入", "3分12秒", "张三", "/calls/C1001/recording");
		assertThat(f.extracted()).containsEntry("durationSeconds", 192).containsEntry("direction", "inbound");
		assertThat(f.at()).isEqualTo(START.withHour(9).withMinute(58).toInstant());
		assertThat(sayText("zhangsan", "/find 恒通")).contains("通话");
		assertThat(mongo.count(new Query(), Task.class)).isZero();

		// the recording: a redirect for those who may see the customer
		Response rec = get("/calls/C1001/recording?user=zhangsan");
		assertThat(rec.status()).isEqualTo(302);
		Response mine = send(HttpRequest.newBuilder(uri("/calls/C1001/recording?user=zhangsan")).GET().build());
		assertThat(mine.status()).isEqualTo(302);
		assertThat(get("/calls/C1001/recording?user=lisi").status()).isEqualTo(403);
		assertThat(get("/calls/C1001/recording?user=boss").status()).isEqualTo(302);
		// anonymous, even naming a user: off to the sign-in page, never to the recording
		HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/calls/C1001/recording?user=zhangsan")).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).contains("/login"));
		assertThat(get("/calls/nope/recording?user=zhangsan").status()).isEqualTo(404);
	}

	@Test
	void anUnknownNumberBecomesANewLeadOfTheAgent() {
		Response r = signed(hangup("C1002", "13900001111", "dealing", 45));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.json().get("newLead").asBoolean()).isTrue();
		Customer lead = mongo.findOne(Query.query(Criteria.where("phones").is("+8613900001111")), Customer.class);
		assertThat(lead).isNotNull();
		assertThat(lead.ownerId()).isEqualTo("zhangsan");
		assertThat(lead.department()).isEqualTo("east");
		assertThat(lead.source()).isEqualTo("call");
		assertThat(calls()).singleElement().extracting(FollowUp::customerId).isEqualTo(lead.id());
	}

	@Test
	void aMissedInboundCallBecomesACallBackTaskAndADuplicateChangesNothing() {
		Map<String, Object> missed = hangup("C1003", "13812345678", "notDeal", 0);
		Response r = signed(missed);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		List<Task> tasks = mongo.findAll(Task.class);
		assertThat(tasks).hasSize(1);
		Task t = tasks.get(0);
		assertThat(t.ownerId()).isEqualTo("zhangsan");
		assertThat(t.customerId()).isEqualTo(hengtong().id());
		assertThat(t.title()).contains("回电", "苏州恒通机械有限公司", "+8613812345678");
		assertThat(t.priority()).isEqualTo(Task.Priority.HIGH);
		assertThat(t.dueAt()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(30)));
		assertThat(calls()).singleElement().extracting(FollowUp::text).asString().contains("未接");

		// pushed again (a retry), and again a minute later with a fresh signature
		Response again = signed(missed);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("status").asString()).isEqualTo("duplicate");
		advance(Duration.ofMinutes(1));
		assertThat(signed(missed).json().get("status").asString()).isEqualTo("duplicate");
		assertThat(mongo.count(new Query(), Task.class)).isEqualTo(1);
		assertThat(calls()).hasSize(1);
		assertThat(mongo.count(new Query(), Call.class)).isEqualTo(1);
	}

	@Test
	void aBadSignatureOrBadInputIsRefusedAndNothingIsStored() {
		long now = CLOCK.instant().getEpochSecond();
		Map<String, Object> rec = hangup("C1004", "13900002222", "dealing", 10);
		assertThat(signedAt(rec, now, "wrong-secret").status()).isEqualTo(401);
		assertThat(signedAt(rec, now - 3600, SECRET).status()).isEqualTo(401);
		assertThat(post("/api/calls", rec).status()).isEqualTo(401);
		// the signature covers the body: a changed body does not pass
		String json = JSON.writeValueAsString(rec);
		Response tampered = send(HttpRequest.newBuilder(uri("/api/calls"))
			.header("Content-Type", "application/json")
			.header("X-Crm-Timestamp", Long.toString(now))
			.header("X-Crm-Signature", sign(SECRET, now, json))
			.POST(HttpRequest.BodyPublishers.ofString(json.replace("13900002222", "13900003333")))
			.build());
		assertThat(tampered.status()).isEqualTo(401);
		assertThat(tampered.body()).contains("signature");

		assertThat(signed("{not json").status()).isEqualTo(400);
		Map<String, Object> noId = new java.util.LinkedHashMap<>(rec);
		noId.remove("CallSheetID");
		Response missingId = signed(noId);
		assertThat(missingId.status()).isEqualTo(400);
		assertThat(missingId.body()).contains("CallSheetID");
		Map<String, Object> badTime = new java.util.LinkedHashMap<>(rec);
		badTime.put("Ring", "yesterday");
		assertThat(signed(badTime).status()).isEqualTo(400);
		Map<String, Object> badDirection = new java.util.LinkedHashMap<>(rec);
		badDirection.put("CallType", "sideways");
		assertThat(signed(badDirection).body()).contains("CallType", "sideways");
		Map<String, Object> unknownAgent = new java.util.LinkedHashMap<>(rec);
		unknownAgent.put("Exten", "9999");
		Response agent = signed(unknownAgent);
		assertThat(agent.status()).isEqualTo(422);
		assertThat(agent.body()).contains("9999");
		Map<String, Object> notAPhone = new java.util.LinkedHashMap<>(rec);
		notAPhone.put("CallNo", "anonymous");
		assertThat(signed(notAPhone).status()).isEqualTo(422);

		assertThat(mongo.count(new Query(), Call.class)).isZero();
		assertThat(calls()).isEmpty();
		assertThat(mongo.count(new Query(), Customer.class)).isEqualTo(1);
		assertThat(mongo.count(new Query(), Task.class)).isZero();
	}

	@Test
	void aRingingEventPushesTheAgentACardWithTheCustomerAndLastFollowUps() {
		assertThat(sayText("zhangsan", "/log 恒通 王总要求下周报价")).contains("恒通");
		Map<String, Object> ring = map("CallSheetID", "C1005", "EventType", "Ring", "CallType", "normal", "CallNo",
				"13812345678", "CalledNo", "051268001234", "Exten", "8001", "Ring", "2026-12-02 10:00:00");
		Response r = signed(ring);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.json().get("status").asString()).isEqualTo("pushed");
		assertThat(signed(ring).json().get("status").asString()).isEqualTo("duplicate");
		outbox.drain();
		List<String> inbox = inboxTexts("zhangsan");
		assertThat(inbox).hasSize(1);
		assertThat(inbox.get(0)).contains("来电", "苏州恒通机械有限公司", "王总", "王总要求下周报价", "弹出跟进窗口", "/log 苏州恒通机械有限公司");
		// nothing is filed for a ringing call
		assertThat(calls()).isEmpty();

		// an unknown number: the card says so
		signed(map("CallSheetID", "C1006", "EventType", "Ring", "CallType", "normal", "CallNo", "13700001234",
				"CalledNo", "051268001234", "Exten", "8001"));
		outbox.drain();
		assertThat(inbox("zhangsan")).contains("不是已有客户");
	}

	@Test
	void aCallWithAColleaguesCustomerIsFiledButTheAgentLearnsNothingAboutIt() {
		// 恒通 belongs to zhangsan; lisi (8002, a rep who sees only his own) takes the call
		signed(map("CallSheetID", "C1007", "EventType", "Ring", "CallType", "normal", "CallNo", "13812345678",
				"CalledNo", "051268001234", "Exten", "8002"));
		Map<String, Object> rec = hangup("C1007", "13812345678", "dealing", 61);
		rec.put("Exten", "8002");
		assertThat(signed(rec).status()).isEqualTo(200);
		outbox.drain();
		assertThat(inbox("lisi")).contains("其他同事").doesNotContain("恒通");
		assertThat(inbox("zhangsan")).contains("李四", "苏州恒通机械有限公司", "1分1秒");
		assertThat(calls()).singleElement().extracting(FollowUp::customerId).isEqualTo(hengtong().id());
		assertThat(get("/calls/C1007/recording?user=lisi").status()).isEqualTo(302);
	}

	@Test
	void ourOwnFieldNamesWithATokenWorkWithoutAMapping() throws IOException {
		Files.writeString(CONFIG_DIR.resolve("calls.yaml"), """
				enabled: true
				auth:
				  token: ${CALLCENTER_TOKEN}
				timeFormat: iso
				""");
		reload();
		String json = JSON.writeValueAsString(map("callId", "X-1", "direction", "outbound", "caller", "8001", "callee",
				"+86 138 1234 5678", "agent", "zhangsan", "ringAt", "2026-12-02T10:00:00+08:00", "answerAt",
				"2026-12-02T10:00:05+08:00", "endAt", "2026-12-02T10:02:05+08:00"));
		Response wrong = send(HttpRequest.newBuilder(uri("/api/calls"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer nope")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
		assertThat(wrong.status()).isEqualTo(401);
		Response ok = send(HttpRequest.newBuilder(uri("/api/calls"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer test-static-token")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		assertThat(calls()).singleElement().satisfies((f) -> {
			assertThat(f.text()).contains("呼出", "2分0秒");
			assertThat(f.customerId()).isEqualTo(hengtong().id());
		});
	}

	@Test
	void aBadCallsYamlIsRefusedWithFileLineAndField() throws IOException {
		Files.writeString(CONFIG_DIR.resolve("calls.yaml"), """
				enabled: true
				auth:
				  secret: x
				fields:
				  callid: CallSheetID
				agents:
				  "8001": nobody
				""");
		List<ConfigError> errors = config.reload();
		assertThat(errors).extracting(ConfigError::toString)
			.anySatisfy((e) -> assertThat(e).contains("calls.yaml:5", "fields.callid"))
			.anySatisfy((e) -> assertThat(e).contains("calls.yaml:7", "agents.8001", "nobody"));
	}

}
