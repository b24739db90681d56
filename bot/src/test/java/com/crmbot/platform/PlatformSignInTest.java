package com.crmbot.platform;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.crmbot.access.AuditEntry;
import com.crmbot.support.BotTestSupport.Response;
import com.crmbot.support.BrowserSession;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through WeCom (OAuth2 inside WeCom, QR on the desktop) and DingTalk (in-app 免登,
 * QR) end to end: the real WxJava and DingTalk SDK clients talk to the local platform
 * stand-in, the browser is a cookie-keeping HTTP client that follows the platform's
 * redirect by hand.
 */
class PlatformSignInTest extends PlatformTestSupport {

	@Override
	protected void extraCleanup() {
		mongo.remove(new Query(), AuditEntry.COLLECTION);
	}

	private BrowserSession browser() {
		return new BrowserSession("http://127.0.0.1:" + port);
	}

	/** Start a flow; the answer must send the browser to the platform with a state. */
	private static String stateOf(Response start, String platformPage) {
		assertThat(start.status()).isEqualTo(302);
		String location = start.header("Location");
		assertThat(location).startsWith(platformPage);
		String state = param(location, "state");
		assertThat(state).hasSizeGreaterThan(20);
		return state;
	}

	private static String param(String url, String name) {
		for (String p : url.replaceAll("#.*", "").replaceAll("^[^?]*\\?", "").split("&")) {
			if (p.startsWith(name + "=")) {
				return URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	/**
	 * A callback with a state this browser was not given: a clear 400 page, nobody signed
	 * in.
	 */
	static void assertStateRefused(Response r) {
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.header("Location")).isNull();
		assertThat(r.body()).contains("登录链接无效").contains("href=\"/login\"");
	}

	private void assertSignedInAs(BrowserSession b, String user) {
		Response s = b.get("/api/session");
		assertThat(s.status()).isEqualTo(200);
		assertThat(s.json().get("user").asString()).isEqualTo(user);
		// and the signed-in browser can chat (CSRF header echoed like the chat page)
		Response chat = b.post("/api/local/messages", "application/json", "{\"text\":\"/whoami\"}", true);
		assertThat(chat.status()).isEqualTo(200);
	}

	private long signInDenials() {
		return mongo.count(new Query(Criteria.where("channel").is("sign-in")), AuditEntry.class);
	}

	@Test
	void wecomOAuthInsideWecomSignsInTheMappedUser() {
		BrowserSession b = browser();
		assertThat(b.loginPage().body()).contains("signin/wecom/qr", "signin/dingtalk/qr", "企业微信扫码登录");
		Response start = b.get("/signin/wecom");
		String state = stateOf(start, "https://open.weixin.qq.com/connect/oauth2/authorize?");
		String location = start.header("Location");
		assertThat(param(location, "appid")).isEqualTo(CORP_ID);
		assertThat(param(location, "agentid")).isEqualTo("1000002");
		assertThat(param(location, "scope")).isEqualTo("snsapi_base");
		assertThat(param(location, "redirect_uri")).isEqualTo("http://127.0.0.1:" + port + "/signin/wecom/callback");
		STUB.scriptJson("/cgi-bin/auth/getuserinfo", "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"ZhangSan\"}");

		Response back = b.get("/signin/wecom/callback?code=CODE-1&state=" + state);

		assertThat(back.status()).isEqualTo(302);
		assertThat(back.header("Location")).endsWith("/");
		assertThat(STUB.calls("/cgi-bin/auth/getuserinfo")).singleElement()
			.satisfies((c) -> assertThat(c.param("code")).isEqualTo("CODE-1"));
		assertSignedInAs(b, "zhangsan");
	}

	@Test
	void wecomQrOnTheDesktopSignsInTheMappedUser() {
		BrowserSession b = browser();
		Response start = b.get("/signin/wecom/qr");
		String state = stateOf(start, STUB.baseUrl() + "/wwlogin/sso/login?");
		assertThat(param(start.header("Location"), "login_type")).isEqualTo("CorpApp");
		STUB.scriptJson("/cgi-bin/auth/getuserinfo", "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"LiSi\"}");
		assertThat(b.get("/signin/wecom/callback?code=QR-1&state=" + state).header("Location")).endsWith("/");
		assertSignedInAs(b, "lisi");
	}

	@Test
	void wecomCallbacksWithoutTheStateOrForStrangersAreRefusedAndAudited() {
		// a forged callback: no state was issued to this browser
		BrowserSession attacker = browser();
		STUB.scriptJson("/cgi-bin/auth/getuserinfo", "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"ZhangSan\"}");
		Response forged = attacker.get("/signin/wecom/callback?code=STOLEN&state=made-up");
		assertStateRefused(forged);
		assertThat(STUB.calls("/cgi-bin/auth/getuserinfo")).as("a forged state never reaches WeCom").isEmpty();
		assertThat(attacker.get("/api/session").status()).isEqualTo(401);

		// a state from another browser's flow does not work either
		BrowserSession victim = browser();
		String victimState = stateOf(victim.get("/signin/wecom"), "https://open.weixin.qq.com/");
		assertStateRefused(attacker.get("/signin/wecom/callback?code=C&state=" + victimState));

		// a WeCom member who is not a user of org.yaml
		BrowserSession stranger = browser();
		String state = stateOf(stranger.get("/signin/wecom/qr"), STUB.baseUrl() + "/wwlogin/");
		STUB.reset();
		STUB.scriptJson("/cgi-bin/auth/getuserinfo", "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"Outsider\"}");
		Response r = stranger.get("/signin/wecom/callback?code=C2&state=" + state);
		assertThat(r.header("Location")).endsWith("/login?error=platform");
		assertThat(stranger.get("/api/session").status()).isEqualTo(401);
		assertThat(stranger.get("/login?error=platform").body()).contains("不是 crm-bot 的用户");
		// the state is single-use: replaying it fails even with a good code
		STUB.scriptJson("/cgi-bin/auth/getuserinfo", "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"ZhangSan\"}");
		assertStateRefused(stranger.get("/signin/wecom/callback?code=C3&state=" + state));

		// a code WeCom rejects
		BrowserSession late = browser();
		String s2 = stateOf(late.get("/signin/wecom"), "https://open.weixin.qq.com/");
		STUB.reset();
		STUB.scriptJson("/cgi-bin/auth/getuserinfo", "{\"errcode\":40029,\"errmsg\":\"invalid code\"}");
		assertThat(late.get("/signin/wecom/callback?code=OLD&state=" + s2).header("Location"))
			.endsWith("error=platform");

		assertThat(mongo.find(new Query(Criteria.where("channel").is("sign-in")), AuditEntry.class))
			.extracting(AuditEntry::action)
			.contains("sign-in wecom (state)", "sign-in wecom (unknown user)", "sign-in wecom (code)");
		assertThat(mongo.find(new Query(Criteria.where("channel").is("sign-in")), AuditEntry.class))
			.extracting(AuditEntry::userId)
			.contains("wecom:Outsider");
	}

	@Test
	void dingtalkQrSignsInThroughUserTokenContactAndUnionId() {
		BrowserSession b = browser();
		Response start = b.get("/signin/dingtalk/qr");
		String state = stateOf(start, STUB.baseUrl() + "/oauth2/auth?");
		assertThat(param(start.header("Location"), "client_id")).isEqualTo(DINGTALK_CLIENT_ID);
		assertThat(param(start.header("Location"), "scope")).isEqualTo("openid");
		STUB.scriptJson("/v1.0/oauth2/userAccessToken", "{\"accessToken\":\"user-tok-1\",\"expireIn\":7200}");
		STUB.scriptJson("/v1.0/contact/users/me", "{\"nick\":\"张三\",\"unionId\":\"UNION-ZS\"}");
		STUB.scriptJson("/topapi/user/getbyunionid",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"contact_type\":0,\"userid\":\"0101\"}}");

		Response back = b.get("/signin/dingtalk/callback?authCode=AUTH-1&state=" + state);

		assertThat(back.header("Location")).endsWith("/");
		assertThat(STUB.calls("/v1.0/oauth2/userAccessToken")).singleElement()
			.satisfies((c) -> assertThat(c.body()).contains("\"code\":\"AUTH-1\"", "authorization_code",
					DINGTALK_CLIENT_ID));
		assertThat(STUB.calls("/topapi/user/getbyunionid")).singleElement()
			.satisfies((c) -> assertThat(c.body()).contains("UNION-ZS"));
		assertSignedInAs(b, "zhangsan");
	}

	@Test
	void dingtalkInAppSignInWithTheJsapiAuthCode() {
		BrowserSession b = browser();
		Response page = b.get("/signin/dingtalk/app");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Security-Policy")).contains("script-src 'self' https://g.alicdn.com");
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-state=\"([^\"]+)\"").matcher(page.body());
		assertThat(m.find()).isTrue();
		STUB.scriptJson("/topapi/v2/user/getuserinfo",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"userid\":\"0102\",\"name\":\"李四\"}}");

		Response back = b.get("/signin/dingtalk/app/callback?code=FREE-1&state=" + m.group(1));

		assertThat(back.header("Location")).endsWith("/");
		assertThat(STUB.calls("/topapi/v2/user/getuserinfo")).singleElement().satisfies((c) -> {
			assertThat(c.body()).contains("FREE-1");
			assertThat(c.param("access_token")).startsWith("tok-");
		});
		assertSignedInAs(b, "lisi");
	}

	@Test
	void dingtalkStrangersAndForgedCallbacksAreRefusedAndAudited() {
		BrowserSession b = browser();
		String state = stateOf(b.get("/signin/dingtalk/qr"), STUB.baseUrl() + "/oauth2/");
		STUB.scriptJson("/v1.0/oauth2/userAccessToken", "{\"accessToken\":\"user-tok-2\",\"expireIn\":7200}");
		STUB.scriptJson("/v1.0/contact/users/me", "{\"nick\":\"外人\",\"unionId\":\"UNION-X\"}");
		STUB.scriptJson("/topapi/user/getbyunionid",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"userid\":\"9999\"}}");
		assertThat(b.get("/signin/dingtalk/callback?authCode=A&state=" + state).header("Location"))
			.endsWith("/login?error=platform");
		assertThat(b.get("/api/session").status()).isEqualTo(401);

		long before = signInDenials();
		assertStateRefused(browser().get("/signin/dingtalk/app/callback?code=X&state=forged"));
		assertThat(STUB.calls("/topapi/v2/user/getuserinfo")).isEmpty();
		assertThat(signInDenials()).isEqualTo(before + 1);
		assertThat(mongo.find(new Query(Criteria.where("channel").is("sign-in")), AuditEntry.class))
			.extracting(AuditEntry::userId)
			.contains("dingtalk:9999");
	}

}
