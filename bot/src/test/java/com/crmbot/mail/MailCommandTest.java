package com.crmbot.mail;

import java.util.List;
import java.util.Map;

import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From the web chat, a rep previews and sends e-mail templates that arrive in GreenMail
 * fully filled, with both parts and the right headers; a missing value is named and
 * nothing is sent; unsubscribed addresses are refused.
 */
class MailCommandTest extends MailTestSupport {

	@Autowired
	MailQueue queue;

	@Autowired
	UnsubscribeTokens tokens;

	private void customer() {
		assertThat(sayText("zhangsan", "/new 苏州恒通精密机械有限公司 王建国 13812345678")).contains("苏州恒通");
		assertThat(sayText("zhangsan", "/set 苏州恒通精密机械有限公司 邮箱 Wang.JG@HengTong-Example.com")).doesNotContain("不是有效");
		assertThat(sayText("zhangsan", "/set 苏州恒通精密机械有限公司 职务 总经理")).doesNotContain("没有字段");
	}

	@Test
	void repPreviewsAndSendsAPaymentReminderThatArrivesFullyFilled() throws Exception {
		customer();
		sayText("zhangsan", "/set 苏州恒通精密机械有限公司 成交金额 50万");
		String preview = sayText("zhangsan", "/邮件 催款 苏州恒通精密机械有限公司");
		assertThat(preview).contains("邮件预览 #1", "Wang.JG@hengtong-example.com", "付款提醒", "500,000", "/mail send 1");
		assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();

		assertThat(sayText("zhangsan", "/mail send 1")).contains("已进入发送队列");
		assertThat(queue.drain()).isEqualTo(1);
		MimeMessage[] got = GREEN_MAIL.getReceivedMessages();
		assertThat(got).hasSize(1);
		MimeMessage m = got[0];
		assertThat(m.getSubject()).isEqualTo("付款提醒：苏州恒通精密机械有限公司 合同款 ¥500,000 元");
		assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("crm@example.com");
		assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("张三");
		assertThat(m.getAllRecipients()[0].toString()).isEqualTo("Wang.JG@hengtong-example.com");
		assertThat(m.getHeader("X-CRM-Key")[0]).isEqualTo("mail:zhangsan:1");
		Map<String, String> parts = parts(m);
		assertThat(parts).containsKeys("text/plain", "text/html");
		for (String body : parts.values()) {
			assertThat(body).contains("王建国总经理", "苏州恒通精密机械有限公司", "500,000", "张三", "+8613800000001", "2026-12-02")
				.doesNotContain("${", "待补充", "null");
		}
		assertThat(parts.get("text/html")).contains("<strong>");
		// the e-mail is a follow-up of the customer; a second confirmation sends nothing
		Customer c = mongo.findOne(Query.query(Criteria.where("companyKey").exists(true)), Customer.class);
		List<FollowUp> f = mongo.find(Query.query(Criteria.where("customerId").is(c.id()).and("kind").is("EMAIL")),
				FollowUp.class);
		assertThat(f).hasSize(1);
		assertThat(f.get(0).text()).contains("付款提醒");
		assertThat(sayText("zhangsan", "/mail send 1")).contains("已经发送");
		assertThat(queue.drain()).isZero();
		assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
		// another rep cannot send zhangsan's draft
		assertThat(sayText("lisi", "/mail send 1")).contains("没有待发送的邮件");
	}

	@Test
	void aMissingValueIsNamedAndNothingIsSent() throws Exception {
		customer();
		String answer = sayText("zhangsan", "/mail 催款 苏州恒通精密机械有限公司");
		assertThat(answer).contains("成交金额(dealAmount)", "不会发送").doesNotContain("预览");
		assertThat(count(MailDraft.class)).isZero();
		assertThat(sayText("zhangsan", "/mail send 1")).contains("没有待发送的邮件");
		assertThat(queue.drain()).isZero();
		assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
		// English users get the placeholder ids
		assertThat(sayText("zhangsan", "/mail 不存在 苏州恒通精密机械有限公司")).contains("初次沟通", "方案确认", "催款");
	}

	@Test
	void firstContactTemplateAndAddressValidation() throws Exception {
		customer();
		assertThat(sayText("zhangsan", "/set 苏州恒通精密机械有限公司 邮箱 wang@@example")).contains("不是有效的邮箱地址");
		String missing = sayText("zhangsan", "/mail 初次沟通 苏州恒通精密机械有限公司");
		assertThat(missing).contains("需求类型(need)");
		sayText("zhangsan", "/log 苏州恒通精密机械有限公司 客户想要报价");
		assertThat(sayText("zhangsan", "/mail")).contains("初次沟通", "关怀");
	}

	@Test
	void anInquiryWithAnAddressFilesIt() {
		sayText("zhangsan", "杭州云帆科技有限公司的李娜经理来电，邮箱 lina@yunfan.example.cn，电话13912345678，想要报价");
		Customer c = mongo.findOne(Query.query(Criteria.where("companyKey").exists(true)), Customer.class);
		assertThat(c.fields()).containsEntry("email", "lina@yunfan.example.cn");
	}

	@Test
	void unsubscribeLinkConfirmsThenOptsOutAndTheAddressIsNeverMailedAgain() throws Exception {
		customer();
		sayText("zhangsan", "/set 苏州恒通精密机械有限公司 成交金额 50万");
		String token = tokens.token("wang.jg@hengtong-example.com");
		Response page = get("/mail/unsubscribe?t=" + token);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<form method=\"post\"", "w***@hengtong-example.com");
		assertThat(get("/mail/unsubscribe?t=" + token.substring(0, token.length() - 2) + "xx").status()).isEqualTo(400);
		assertThat(get("/mail/unsubscribe").status()).isEqualTo(400);
		// a preview made before the opt-out is not sent after it
		assertThat(sayText("zhangsan", "/mail 催款 苏州恒通精密机械有限公司")).contains("邮件预览 #1");
		Response done = send(java.net.http.HttpRequest.newBuilder(uri("/mail/unsubscribe?t=" + token))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
			.build());
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.body()).contains("已退订");
		assertThat(sayText("zhangsan", "/mail send 1")).contains("已退订");
		assertThat(sayText("zhangsan", "/mail 催款 苏州恒通精密机械有限公司")).contains("已退订");
		assertThat(queue.drain()).isZero();
		assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
	}

	static Map<String, String> parts(MimeMessage m) throws Exception {
		Map<String, String> out = new java.util.HashMap<>();
		collect(m.getContent(), m.getContentType(), out);
		return out;
	}

	private static void collect(Object content, String type, Map<String, String> out) throws Exception {
		if (content instanceof Multipart mp) {
			for (int i = 0; i < mp.getCount(); i++) {
				collect(mp.getBodyPart(i).getContent(), mp.getBodyPart(i).getContentType(), out);
			}
		}
		else if (content instanceof String s) {
			out.put(type.toLowerCase().startsWith("text/html") ? "text/html" : "text/plain", s);
		}
	}

}
