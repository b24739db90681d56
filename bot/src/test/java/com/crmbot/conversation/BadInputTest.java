package com.crmbot.conversation;

import java.net.http.HttpRequest;

import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Empty, oversized, binary and malformed input: a clear answer, nothing stored, never a
 * 500.
 */
class BadInputTest extends BotTestSupport {

	@AfterEach
	void nothingWasStored() {
		assertThat(count(Customer.class)).isZero();
		assertThat(count(FollowUp.class)).isZero();
	}

	@Test
	void emptyAndWhitespaceOnlyMessages() {
		assertThat(sayText("zhangsan", "")).contains("消息是空的");
		assertThat(sayText("zhangsan", "   \n\t　 ")).contains("消息是空的");
		Response r = post("/api/local/messages", "{\"user\":\"zhangsan\"}");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.body()).contains("消息是空的");
	}

	@Test
	void oversizedMessages() {
		String big = "苏州恒通精密机械有限公司 13812345678 " + "很长的消息".repeat(700);
		assertThat(sayText("zhangsan", big)).contains("消息太长").contains("8192");
	}

	@Test
	void binaryMessages() {
		assertThat(sayText("zhangsan", "苏州恒通精密机械有限公司\u0000\u0001\u0002 13812345678")).contains("二进制");
		assertThat(sayText("zhangsan", "PK\u0003\u0004\uFFFD\uFFFD")).contains("二进制");
	}

	@Test
	void malformedCommands() {
		assertThat(sayText("zhangsan", "/log")).contains("用法：/log");
		assertThat(sayText("zhangsan", "/tpl quote")).contains("用法：/tpl");
		assertThat(sayText("zhangsan", "/new \"")).contains("用法：/new");
		assertThat(sayText("zhangsan", "/config")).contains("无权");
		assertThat(sayText("admin", "/config frobnicate")).contains("Usage: /config reload");
	}

	@Test
	void unknownOrMissingUsersAndMalformedRequests() {
		Response unknown = post("/api/local/messages", map("user", "nobody", "text", "苏州恒通精密机械有限公司 13812345678"));
		assertThat(unknown.status()).as("no sign-in for an unconfigured user").isEqualTo(401);
		assertThat(unknown.json().get("error").asString()).contains("请先登录");

		Response missing = post("/api/local/messages", map("text", "hello"));
		assertThat(missing.status()).isEqualTo(401);

		Response notJson = postAs("zhangsan", "/api/local/messages", "this is {not json");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.json().get("code").asString()).isEqualTo("malformed");
		assertThat(notJson.json().get("error").asString()).contains("请求格式不正确");

		Response wrongType = sendAs("zhangsan",
				HttpRequest.newBuilder(uri("/api/local/messages"))
					.header("Content-Type", "text/plain")
					.POST(HttpRequest.BodyPublishers.ofString("hi"))
					.build());
		assertThat(wrongType.status()).isEqualTo(415);

		Response form = sendAs("zhangsan",
				HttpRequest.newBuilder(uri("/api/local/messages"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("text=hi"))
					.build());
		assertThat(form.status()).isEqualTo(415);

		Response wrongMethod = sendAs("zhangsan", HttpRequest.newBuilder(uri("/api/local/messages")).DELETE().build());
		assertThat(wrongMethod.status()).isEqualTo(405);

		Response inbox = get("/api/local/inbox?user=nobody");
		assertThat(inbox.status()).isEqualTo(401);
		assertThat(get("/api/local/inbox?user=zhangsan&after=abc").status()).isEqualTo(400);
	}

	@Test
	void extractionEndpointRejectsBadInputClearly() {
		assertThat(postAs("zhangsan", "/api/inquiries/extract", "{}").status()).isEqualTo(400);
		assertThat(postAs("zhangsan", "/api/inquiries/extract", "nope").status()).isEqualTo(400);
		Response big = postAs("zhangsan", "/api/inquiries/extract", map("text", "字".repeat(5000)));
		assertThat(big.status()).isEqualTo(413);
	}

}
