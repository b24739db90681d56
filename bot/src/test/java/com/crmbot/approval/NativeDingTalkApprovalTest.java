package com.crmbot.approval;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.Platform;
import com.crmbot.task.WorkflowTestSupport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deal rule opens a native DingTalk approval through the real DingTalk SDK (workflow
 * API) against a local stand-in; its result event (or, in HTTP mode, a lookup of its
 * state) decides the approval exactly once.
 */
class NativeDingTalkApprovalTest extends WorkflowTestSupport {

	static final HttpServer DINGTALK = start();

	static final List<String> CALLS = new CopyOnWriteArrayList<>();

	/** Answers to the next state lookups; then RUNNING. */
	static final ConcurrentLinkedDeque<String> STATES = new ConcurrentLinkedDeque<>();

	@Autowired
	ApprovalService approvals;

	@Autowired
	InboundMessageHandler bot;

	@DynamicPropertySource
	static void dingtalk(DynamicPropertyRegistry r) {
		r.add("crmbot.dingtalk.enabled", () -> "true");
		r.add("crmbot.dingtalk.client-id", () -> "dingapprovalkey");
		r.add("crmbot.dingtalk.client-secret", () -> "SECapproval0123456789");
		r.add("crmbot.dingtalk.api-endpoint", () -> "127.0.0.1:" + DINGTALK.getAddress().getPort());
		r.add("crmbot.dingtalk.api-protocol", () -> "http");
		r.add("crmbot.dingtalk.oapi-base-url", () -> "http://127.0.0.1:" + DINGTALK.getAddress().getPort());
	}

	private static HttpServer start() {
		try {
			HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			s.createContext("/", (ex) -> {
				String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				String path = ex.getRequestURI().getPath();
				CALLS.add(ex.getRequestMethod() + " " + path + "?" + ex.getRequestURI().getRawQuery() + " "
						+ ex.getRequestHeaders().getFirst("x-acs-dingtalk-access-token") + " " + body);
				if (path.equals("/v1.0/oauth2/accessToken")) {
					respond(ex, "{\"accessToken\":\"dt-token\",\"expireIn\":7200}");
				}
				else if (path.equals("/v1.0/workflow/processInstances") && "POST".equals(ex.getRequestMethod())) {
					respond(ex, "{\"instanceId\":\"pi-777\"}");
				}
				else if (path.equals("/v1.0/workflow/processInstances")) {
					String st = STATES.poll();
					respond(ex, (st != null) ? st : "{\"result\":{\"status\":\"RUNNING\"},\"success\":true}");
				}
				else {
					respond(ex, "{\"processQueryKey\":\"pq\"}");
				}
			});
			s.start();
			return s;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void respond(HttpExchange ex, String json) throws IOException {
		byte[] b = json.getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().add("Content-Type", "application/json");
		ex.sendResponseHeaders(200, b.length);
		ex.getResponseBody().write(b);
		ex.close();
	}

	@BeforeEach
	void enable() {
		CALLS.clear();
		STATES.clear();
		editWorkflow("    processCode: \"\"", "    enabled: true\n    processCode: PROC-DEAL-1");
		assertThat(sayText("admin", "/config reload")).doesNotContain("workflow.yaml");
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
	}

	@AfterEach
	void disable() {
		restoreWorkflow();
		sayText("admin", "/config reload");
	}

	private List<String> calls(String prefix) {
		return CALLS.stream().filter((c) -> c.startsWith(prefix)).toList();
	}

	private void event(String id, String type, String result) {
		bot.onEvent(new ChatEvent("evt-" + id + "-" + type, Platform.DINGTALK, ChatEvent.APPROVAL_CHANGED, "0101",
				Instant.now(), Map.of("processInstanceId", id, "type", type, "result", result)));
	}

	@Test
	void aDealOpensADingTalkApprovalAndItsResultEventDecidesItOnce() {
		assertThat(sayText("zhangsan", "/deal 恒通 50万")).contains("需要审批");
		Approval a = mongo.findAll(Approval.class).get(0);
		assertThat(a.nativeSpNo()).isEqualTo("dingtalk:pi-777");
		List<String> starts = calls("POST /v1.0/workflow/processInstances");
		assertThat(starts).singleElement()
			.satisfies((c) -> assertThat(c).contains("dt-token", "\"processCode\":\"PROC-DEAL-1\"",
					"\"originatorUserId\":\"0101\"", "\"客户\"", "苏州恒通机械有限公司", "\"金额\"", "500000",
					"\"actionType\":\"NONE\""));
		outbox.drain();
		// asked in DingTalk's approval app, not in chat
		assertThat(calls("POST /v1.0/robot/oToMessages/batchSend")).noneMatch((c) -> c.contains("/approve"));
		assertThat(sayText("boss", "/approve " + a.id())).contains("钉钉审批");

		event("pi-777", "start", "");
		assertThat(approvals.byId(a.id()).orElseThrow().status()).isEqualTo(Approval.Status.PENDING);
		event("pi-777", "finish", "agree");
		event("pi-777", "finish", "agree"); // delivered again: one outcome
		approvals.runDue(); // and a lookup afterwards changes nothing either
		outbox.drain();
		assertThat(approvals.byId(a.id()).orElseThrow().status()).isEqualTo(Approval.Status.APPROVED);
		assertThat(mongo.findAll(Deal.class).get(0).status()).isEqualTo(Deal.Status.APPROVED);
		// the requester hears it once, on DingTalk
		assertThat(calls("POST /v1.0/robot/oToMessages/batchSend")).filteredOn((c) -> c.contains("已通过"))
			.singleElement()
			.satisfies((c) -> assertThat(c).contains("\"userIds\":[\"0101\"]"));
		assertThat(approvals.audit(a.id())).extracting(AuditEntry::action)
			.containsExactly("opened", "native-opened", "native-approved");
	}

	@Test
	void inHttpModeTheStateLookupDecidesARefusal() {
		sayText("zhangsan", "/deal 恒通 30万");
		Approval a = mongo.findAll(Approval.class).get(0);
		assertThat(a.nativeSpNo()).isEqualTo("dingtalk:pi-777");
		approvals.runDue(); // still running
		assertThat(approvals.byId(a.id()).orElseThrow().status()).isEqualTo(Approval.Status.PENDING);
		STATES.add("{\"result\":{\"status\":\"COMPLETED\",\"result\":\"refuse\"},\"success\":true}");
		approvals.runDue();
		assertThat(calls("GET /v1.0/workflow/processInstances")).hasSize(2)
			.allSatisfy((c) -> assertThat(c).contains("processInstanceId=pi-777"));
		assertThat(approvals.byId(a.id()).orElseThrow().status()).isEqualTo(Approval.Status.REJECTED);
		approvals.runDue(); // decided: no more lookups
		assertThat(calls("GET /v1.0/workflow/processInstances")).hasSize(2);
		outbox.drain();
		assertThat(calls("POST /v1.0/robot/oToMessages/batchSend")).filteredOn((c) -> c.contains("被驳回"))
			.singleElement()
			.satisfies((c) -> assertThat(c).contains("\"userIds\":[\"0101\"]"));
	}

}
