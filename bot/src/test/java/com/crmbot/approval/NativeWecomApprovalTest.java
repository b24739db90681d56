package com.crmbot.approval;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.Platform;
import com.crmbot.task.WorkflowTestSupport;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same rule opens a WeCom native approval (oa/applyevent, local stub) and follows its
 * status events.
 */
class NativeWecomApprovalTest extends WorkflowTestSupport {

	@Autowired
	ApprovalService approvals;

	@Autowired
	InboundMessageHandler bot;

	private HttpServer wecom;

	private final List<String> calls = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws IOException {
		wecom = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		wecom.createContext("/cgi-bin/gettoken", (ex) -> {
			calls.add("gettoken " + ex.getRequestURI().getQuery());
			respond(ex, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"TOKEN1\",\"expires_in\":7200}");
		});
		wecom.createContext("/cgi-bin/oa/applyevent", (ex) -> {
			calls.add("applyevent " + ex.getRequestURI().getQuery() + " "
					+ new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			respond(ex, "{\"errcode\":0,\"errmsg\":\"ok\",\"sp_no\":\"202612020001\"}");
		});
		wecom.start();
		editWorkflow("enabled: false", "enabled: true");
		editWorkflow("baseUrl: https://qyapi.weixin.qq.com",
				"baseUrl: http://127.0.0.1:" + wecom.getAddress().getPort());
		editWorkflow("${WECOM_CORP_ID:-}", "ww-test");
		editWorkflow("${WECOM_APPROVAL_SECRET:-}", "approval-secret");
		editWorkflow("templateId: \"\"", "templateId: tpl-deal");
		assertThat(sayText("admin", "/config reload")).doesNotContain("workflow.yaml");
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
	}

	@AfterEach
	void stop() {
		restoreWorkflow();
		sayText("admin", "/config reload");
		wecom.stop(0);
	}

	private static void respond(com.sun.net.httpserver.HttpExchange ex, String json) throws IOException {
		byte[] b = json.getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().add("Content-Type", "application/json");
		ex.sendResponseHeaders(200, b.length);
		ex.getResponseBody().write(b);
		ex.close();
	}

	private void event(String spNo, String status) {
		bot.onEvent(new ChatEvent("sp-" + spNo + "-" + status + "-" + System.nanoTime(), Platform.WECOM,
				ChatEvent.APPROVAL_CHANGED, "ZhangSan", Instant.now(), Map.of("spNo", spNo, "spStatus", status)));
	}

	@Test
	void aDealOpensAWecomApprovalAndItsStatusEventDecidesIt() {
		assertThat(sayText("zhangsan", "/deal 恒通 120万")).contains("需要审批");
		Approval a = mongo.findAll(Approval.class).get(0);
		assertThat(a.nativeSpNo()).isEqualTo("202612020001");
		assertThat(calls).hasSize(2);
		assertThat(calls.get(0)).contains("corpid=ww-test", "corpsecret=approval-secret");
		assertThat(calls.get(1)).contains("access_token=TOKEN1", "\"creator_userid\":\"ZhangSan\"",
				"\"template_id\":\"tpl-deal\"", "ZhouZongJian", "WuZongJingLi", "\"new_money\":\"1200000\"");
		outbox.drain();
		assertThat(inboxTexts("boss")).isEmpty(); // asked in WeCom's approval app, not in
													// chat
		assertThat(sayText("boss", "/approve " + a.id())).contains("企业微信审批");

		event("202612020001", "1"); // still running: nothing changes
		assertThat(approvals.byId(a.id()).orElseThrow().status()).isEqualTo(Approval.Status.PENDING);
		event("202612020001", "2");
		event("202612020001", "2"); // WeCom retries: one outcome
		outbox.drain();
		assertThat(approvals.byId(a.id()).orElseThrow().status()).isEqualTo(Approval.Status.APPROVED);
		assertThat(mongo.findAll(Deal.class).get(0).status()).isEqualTo(Deal.Status.APPROVED);
		assertThat(inboxTexts("zhangsan")).hasSize(1);
		assertThat(inbox("zhangsan")).contains("已通过");
		assertThat(approvals.audit(a.id())).extracting(AuditEntry::action)
			.containsExactly("opened", "native-opened", "native-approved");
	}

	@Test
	void aRefusedWecomApprovalFallsBackToChat() {
		wecom.removeContext("/cgi-bin/oa/applyevent");
		wecom.createContext("/cgi-bin/oa/applyevent",
				(ex) -> respond(ex, "{\"errcode\":301025,\"errmsg\":\"template not found\"}"));
		sayText("zhangsan", "/deal 恒通 30万");
		Approval a = mongo.findAll(Approval.class).get(0);
		assertThat(a.nativeSpNo()).isNull();
		outbox.drain();
		assertThat(inbox("boss")).contains("/approve " + a.id());
		assertThat(approvals.audit(a.id())).extracting(AuditEntry::action).contains("native-failed");
	}

}
