package com.crmbot.security;

import java.util.List;

import com.crmbot.approval.Approval;
import com.crmbot.access.AuditEntry;
import com.crmbot.support.BotTestSupport;
import com.crmbot.support.BrowserSession;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of denial is stored with who, what and when, and admins list it with
 * {@code /audit}: a command, an API call, an export, an approval that is not yours, a
 * failed sign-in.
 */
class AuditDenialsTest extends BotTestSupport {

	@Override
	protected void extraCleanup() {
		for (String c : List.of(AuditEntry.COLLECTION, Approval.COLLECTION, "deals")) {
			mongo.remove(new Query(), c);
		}
	}

	private List<AuditEntry> denials() {
		return mongo.findAll(AuditEntry.class).stream().filter((e) -> !e.allowed()).toList();
	}

	private AuditEntry onlyDenial() {
		List<AuditEntry> d = denials();
		assertThat(d).hasSize(1);
		AuditEntry e = d.get(0);
		assertThat(e.at()).isNotNull();
		return e;
	}

	@Test
	void aCommandAboveTheRolesPermission() {
		assertThat(sayText("zhangsan", "/config reload")).doesNotContain("已重新加载");
		AuditEntry e = onlyDenial();
		assertThat(e.userId()).isEqualTo("zhangsan");
		assertThat(e.action()).isEqualTo("/config");
		assertThat(e.channel()).isEqualTo("chat");
		assertThat(sayText("admin", "/audit")).contains("zhangsan", "/config", "denied");
	}

	@Test
	void anApiCallTheRoleMayNotMake() {
		assertThat(getAs("zhangsan", "/api/export/customers.csv").status()).isEqualTo(403);
		AuditEntry e = onlyDenial();
		assertThat(e.userId()).isEqualTo("zhangsan");
		assertThat(e.action()).isEqualTo("export customers");
		assertThat(e.channel()).isEqualTo("http");
		assertThat(sayText("admin", "/audit")).contains("export customers [http] denied");
	}

	@Test
	void anExportInChat() {
		sayText("zhangsan", "/export customers");
		AuditEntry e = onlyDenial();
		assertThat(e.userId()).isEqualTo("zhangsan");
		assertThat(e.action()).contains("export");
		assertThat(sayText("admin", "/audit 5")).contains("export");
	}

	@Test
	void anApprovalThatIsNotYours() {
		sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678");
		assertThat(sayText("zhangsan", "/deal 恒通 300,000")).contains("需要审批");
		Approval a = mongo.findAll(Approval.class).get(0);
		assertThat(sayText("lisi", "/approve " + a.id())).contains("不是你审批");
		AuditEntry e = onlyDenial();
		assertThat(e.userId()).isEqualTo("lisi");
		assertThat(e.action()).isEqualTo("approval not yours " + a.id());
		assertThat(sayText("admin", "/audit")).contains("approval not yours " + a.id());
	}

	@Test
	void aFailedSignIn() {
		BrowserSession b = new BrowserSession("http://127.0.0.1:" + port);
		assertThat(b.signIn("boss", "wrong-password-123").header("Location")).endsWith("/login?error");
		AuditEntry e = onlyDenial();
		assertThat(e.userId()).isEqualTo("boss");
		assertThat(e.channel()).isEqualTo("sign-in");
		assertThat(sayText("admin", "/audit")).contains("sign-in");
	}

	@Test
	void onlyAdminsListTheAuditLog() {
		sayText("zhangsan", "/audit");
		assertThat(onlyDenial().action()).isEqualTo("/audit");
		assertThat(sayText("boss", "/audit")).doesNotContain("审计日志（最新在前）").doesNotContain("Audit log");
	}

}
