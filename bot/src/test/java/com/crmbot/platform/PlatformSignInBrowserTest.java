package com.crmbot.platform;

import java.time.Duration;
import java.util.List;

import com.crmbot.support.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The QR sign-in pages in a real headless Chromium, WeCom and DingTalk enabled and their
 * sign-in pages at the local stand-in. The browser opens the bot, is sent to the sign-in
 * page, clicks 企业微信扫码登录 (or 钉钉扫码登录), follows the redirect to the stand-in, which plays
 * the user scanning by sending the browser back with a code and the state; the bot
 * exchanges the code through the real SDK, and the browser lands signed in on the chat
 * page, where it chats. A state tampered with, or a callback replayed, is a clear 400
 * page that signs nobody in.
 */
class PlatformSignInBrowserTest extends PlatformTestSupport {

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void startBrowser() {
		browser = Chromium.start(1200, 900);
		wait = new WebDriverWait(browser, Duration.ofSeconds(30));
	}

	@AfterEach
	void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	/** Open the bot; it sends the browser to sign in; click the platform's QR link. */
	private void scanWith(String linkId) {
		browser.get("http://127.0.0.1:" + port + "/");
		wait.until((d) -> d.getCurrentUrl().contains("/login"));
		// platforms enabled: no trial mode, even on loopback
		assertThat(browser.findElements(By.id("trial"))).isEmpty();
		browser.findElement(By.id(linkId)).click();
	}

	/** Signed in as this user on the chat page, and the chat answers. */
	private void chatsAs(String user, String name) {
		wait.until(
				(d) -> !d.findElements(By.id("me")).isEmpty() && d.findElement(By.id("me")).getText().contains(user));
		assertThat(browser.getCurrentUrl()).isEqualTo("http://127.0.0.1:" + port + "/");
		WebElement box = browser.findElement(By.id("text"));
		box.sendKeys("/whoami");
		browser.findElement(By.id("send")).click();
		wait.until((d) -> !botMessages().isEmpty());
		assertThat(botMessages().get(0).getText()).contains(name);
	}

	private List<WebElement> botMessages() {
		return browser.findElements(By.cssSelector(".msg.bot:not(.welcome)"));
	}

	@Test
	void wecomQrSignInLandsOnTheChatAndAReplayedCallbackIsRefused() {
		STUB.scanSignIn("/wwlogin/sso/login", "code", "WECOM-QR-CODE");
		STUB.scriptJson("/cgi-bin/auth/getuserinfo", "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"ZhangSan\"}");

		scanWith("signin-wecom-qr");

		chatsAs("zhangsan", "张三");
		// the browser went to WeCom's (stand-in) page with our app and a state...
		var login = STUB.calls("/wwlogin/sso/login");
		assertThat(login).singleElement().satisfies((c) -> {
			assertThat(c.param("login_type")).isEqualTo("CorpApp");
			assertThat(c.param("appid")).isEqualTo(CORP_ID);
			assertThat(c.param("agentid")).isEqualTo("1000002");
			assertThat(c.param("state")).hasSizeGreaterThan(20);
		});
		// ...and the bot exchanged the scanned code through WxJava
		assertThat(STUB.calls("/cgi-bin/auth/getuserinfo")).singleElement()
			.satisfies((c) -> assertThat(c.param("code")).isEqualTo("WECOM-QR-CODE"));

		// the same callback opened again, in this browser (the state is single-use) and
		// in
		// another one that never started a sign-in
		String callback = "http://127.0.0.1:" + port + "/signin/wecom/callback?code=WECOM-QR-CODE&state="
				+ login.get(0).param("state");
		browser.get(callback);
		assertRefused();
		browser.manage().deleteAllCookies();
		browser.get(callback);
		assertRefused();
		assertSignedOut();
		assertThat(STUB.calls("/cgi-bin/auth/getuserinfo")).hasSize(1);
	}

	@Test
	void dingtalkQrSignInLandsOnTheChatAndATamperedStateIsRefused() {
		STUB.scanSignIn("/oauth2/auth", "authCode", "DT-AUTH-CODE");
		STUB.scriptJson("/v1.0/oauth2/userAccessToken", "{\"accessToken\":\"user-tok-b\",\"expireIn\":7200}");
		STUB.scriptJson("/v1.0/contact/users/me", "{\"nick\":\"李四\",\"unionId\":\"UNION-LS\"}");
		STUB.scriptJson("/topapi/user/getbyunionid",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"contact_type\":0,\"userid\":\"0102\"}}");

		scanWith("signin-dingtalk-qr");

		chatsAs("lisi", "李四");
		assertThat(STUB.calls("/oauth2/auth")).singleElement()
			.satisfies((c) -> assertThat(c.param("client_id")).isEqualTo(DINGTALK_CLIENT_ID));
		assertThat(STUB.calls("/v1.0/oauth2/userAccessToken")).singleElement()
			.satisfies((c) -> assertThat(c.body()).contains("\"code\":\"DT-AUTH-CODE\""));

		// a fresh flow whose state is altered on the way back
		browser.manage().deleteAllCookies();
		STUB.reset();
		browser.get("http://127.0.0.1:" + port + "/signin/dingtalk/qr");
		wait.until((d) -> !STUB.calls("/oauth2/auth").isEmpty());
		String state = STUB.calls("/oauth2/auth").get(0).param("state");
		browser
			.get("http://127.0.0.1:" + port + "/signin/dingtalk/callback?authCode=DT-AUTH-CODE&state=" + state + "x");
		assertRefused();
		assertSignedOut();
		assertThat(STUB.calls("/v1.0/oauth2/userAccessToken")).isEmpty();
	}

	/** The 400 page: clear words and a way back. */
	private void assertRefused() {
		wait.until((d) -> !d.findElements(By.id("error")).isEmpty());
		assertThat(browser.findElement(By.id("error")).getText()).contains("登录链接无效");
		assertThat(browser.getCurrentUrl()).contains("/signin/");
		Object status = ((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("return performance.getEntriesByType('navigation')[0].responseStatus;");
		assertThat(((Number) status).intValue()).isEqualTo(400);
		assertThat(browser.findElement(By.id("again")).getAttribute("href")).endsWith("/login");
	}

	/** Nobody is signed in: the bot sends the browser to sign in. */
	private void assertSignedOut() {
		browser.findElement(By.id("again")).click();
		wait.until((d) -> d.getCurrentUrl().contains("/login"));
		browser.get("http://127.0.0.1:" + port + "/");
		wait.until((d) -> d.getCurrentUrl().contains("/login"));
	}

}
