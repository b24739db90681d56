package com.crmbot.web;

import java.time.Duration;
import java.util.List;

import com.crmbot.followup.FollowUp;
import com.crmbot.support.BotTestSupport;
import com.crmbot.support.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web chat page in a real headless Chromium (Debian's chromium + chromium-driver,
 * installed by .ci/run): trial sign-in on loopback, send /help, file an inquiry, see the
 * replies; sign out; a wrong then the right local password.
 */
class WebChatBrowserTest extends BotTestSupport {

	private WebDriver browser;

	@org.springframework.beans.factory.annotation.Autowired
	private com.crmbot.security.LocalAccounts accounts;

	@BeforeEach
	void startBrowser() {
		browser = Chromium.start(1200, 900);
	}

	@AfterEach
	void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void trialSignInThenHelpAndAnInquiryThenPasswordSignIn() {
		browser.get("http://127.0.0.1:" + port + "/");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until((d) -> d.getCurrentUrl().contains("/login"));
		assertThat(browser.findElement(By.id("trial")).getText()).contains("试用模式");
		new Select(browser.findElement(By.id("trial-user"))).selectByValue("zhangsan");
		browser.findElement(By.id("trial-submit")).click();
		wait.until((d) -> d.findElement(By.id("me")).getText().contains("zhangsan"));
		assertThat(browser.findElement(By.id("trial-banner")).isDisplayed()).isTrue();
		assertThat(browser.manage().getCookieNamed("JSESSIONID").isHttpOnly()).isTrue();

		send("/help");
		wait.until((d) -> botMessages().size() >= 1);
		assertThat(botMessages().get(0).getText()).contains("可用的命令").contains("/find");

		send("杭州鲜果多连锁超市的林晓燕说想了解会员营销系统，手机15257248916，担心效果，有没有案例？");
		wait.until((d) -> botMessages().size() >= 2);
		assertThat(botMessages().get(1).getText()).contains("已归档跟进").contains("杭州鲜果多连锁超市").contains("152 5724 8916");

		send("/find 鲜果多");
		wait.until((d) -> botMessages().size() >= 3);
		assertThat(botMessages().get(2).getText()).contains("杭州鲜果多连锁超市").contains("【咨询】");
		assertThat(browser.findElements(By.cssSelector(".msg.me"))).hasSize(3);
		assertThat(count(FollowUp.class)).isEqualTo(1);

		// sign out, then in with a local password
		browser.findElement(By.id("logout")).click();
		wait.until((d) -> d.getCurrentUrl().contains("/login"));
		browser.get("http://127.0.0.1:" + port + "/");
		wait.until((d) -> d.getCurrentUrl().contains("/login"));
		accounts.setPassword("lisi", "correct horse battery");
		browser.findElement(By.id("username")).sendKeys("lisi");
		browser.findElement(By.id("password")).sendKeys("wrong password!");
		browser.findElement(By.id("signin")).click();
		wait.until((d) -> d.getCurrentUrl().contains("error"));
		assertThat(browser.findElement(By.id("error")).getText()).contains("登录失败");
		browser.findElement(By.id("username")).sendKeys("lisi");
		browser.findElement(By.id("password")).sendKeys("correct horse battery");
		browser.findElement(By.id("signin")).click();
		wait.until((d) -> d.findElement(By.id("me")).getText().contains("lisi"));
		send("/whoami");
		wait.until((d) -> botMessages().size() >= 1);
		assertThat(botMessages().get(0).getText()).contains("李四");
	}

	/**
	 * A new user is greeted with examples; the conversation survives a reload (read back
	 * from the store); a filed inquiry is a card.
	 */
	@Test
	void aNewUserIsGreetedTheHistorySurvivesAReloadAndInquiriesAreCards() {
		browser.get("http://127.0.0.1:" + port + "/");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until((d) -> d.getCurrentUrl().contains("/login"));
		new Select(browser.findElement(By.id("trial-user"))).selectByValue("zhangsan");
		browser.findElement(By.id("trial-submit")).click();
		wait.until((d) -> !d.findElements(By.cssSelector(".msg.welcome")).isEmpty());
		WebElement welcome = browser.findElement(By.cssSelector(".msg.welcome .card"));
		assertThat(welcome.findElement(By.cssSelector(".card-title")).getText()).isEqualTo("张三，欢迎使用 crm-bot！");
		assertThat(welcome.findElements(By.cssSelector("li"))).extracting(WebElement::getText)
			.anyMatch((t) -> t.startsWith("/find"))
			.anyMatch((t) -> t.contains("苏州恒通精密机械有限公司"));

		send("杭州鲜果多连锁超市的林晓燕说想了解会员营销系统，手机15257248916，担心效果，有没有案例？");
		wait.until((d) -> botMessages().size() >= 1);
		WebElement card = botMessages().get(0).findElement(By.cssSelector(".card"));
		assertThat(card.findElement(By.cssSelector(".card-title")).getText()).startsWith("✅ 已归档跟进");
		assertThat(card.findElements(By.cssSelector("dt"))).extracting(WebElement::getText).contains("客户", "电话");
		assertThat(card.findElements(By.cssSelector("dd"))).extracting(WebElement::getText).contains("152 5724 8916");

		// reload: the same conversation, from the store, and no second greeting
		browser.navigate().refresh();
		wait.until((d) -> d.findElements(By.cssSelector(".msg")).size() >= 3);
		assertThat(browser.findElements(By.cssSelector(".msg.welcome"))).hasSize(1);
		assertThat(browser.findElements(By.cssSelector(".msg.me"))).singleElement()
			.satisfies((m) -> assertThat(m.getText()).contains("林晓燕"));
		assertThat(botMessages()).singleElement()
			.satisfies((m) -> assertThat(m.findElement(By.cssSelector(".card .card-title")).getText())
				.startsWith("✅ 已归档跟进"));
		assertThat(count(FollowUp.class)).isEqualTo(1);
	}

	private void send(String text) {
		WebElement box = browser.findElement(By.id("text"));
		box.clear();
		box.sendKeys(text);
		browser.findElement(By.id("send")).click();
	}

	private List<WebElement> botMessages() {
		return browser.findElements(By.cssSelector(".msg.bot:not(.welcome)"));
	}

}
