package com.crmbot.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import com.crmbot.customer.Customer;
import com.crmbot.support.BotTestSupport;
import com.crmbot.support.Chromium;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium: signed in as the east supervisor, the four
 * reports show their charts (images loaded with a real size, screenshots not blank) and
 * readings within the supervisor's scope; the filter form narrows them; 重置 resets; a bad
 * date is a clear 400; anonymous visitors are sent to sign in.
 */
class DashboardBrowserTest extends BotTestSupport {

	private WebDriver browser;

	@BeforeEach
	void startBrowser() {
		browser = Chromium.start(1300, 1000);
	}

	@AfterEach
	void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	private void customer(String owner, String dept, String stage, String industry, String region, String tag) {
		Instant now = Instant.now();
		String id = new ObjectId().toHexString();
		mongo.insert(new Customer(id, "看板客户" + id, null, null, null, null, null, null, null, null, region, industry,
				owner, dept, stage, (tag != null) ? List.of(tag) : List.of(), Map.of(), 0,
				now.minus(Duration.ofDays(2)), null, null, "command", null, "成交".equals(stage) ? 200_000L : null,
				null));
	}

	@SuppressWarnings("unchecked")
	private boolean chartsLoaded(int n) {
		List<Object> sizes = (List<Object>) ((JavascriptExecutor) browser).executeScript(
				"return Array.from(document.querySelectorAll('img.chart')).map(i => i.complete ? i.naturalWidth : 0);");
		return sizes.size() == n && sizes.stream().allMatch((s) -> ((Number) s).intValue() > 0);
	}

	/** Not blank: many colours and a good share of non-white pixels. */
	private static void assertDrawn(byte[] png) throws Exception {
		BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(img.getWidth()).isGreaterThan(100);
		Set<Integer> colours = new HashSet<>();
		long ink = 0;
		long total = 0;
		for (int y = 0; y < img.getHeight(); y += 2) {
			for (int x = 0; x < img.getWidth(); x += 2) {
				int rgb = img.getRGB(x, y) & 0xFFFFFF;
				colours.add(rgb);
				if (rgb != 0xFFFFFF) {
					ink++;
				}
				total++;
			}
		}
		assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
		assertThat((double) ink / total).as("share of non-white pixels").isGreaterThan(0.03);
	}

	@Test
	void theSupervisorSeesTheChartsAndFiltersThem() throws Exception {
		for (String stage : List.of("拜访", "方案", "方案", "谈判", "成交")) {
			customer("zhangsan", "east", stage, "manufacturing", "江苏", null);
		}
		customer("lisi", "east", "方案", "education", "浙江", "A");
		customer("sunli", "south", "成交", "manufacturing", "广东", null); // not zhao's

		browser.get("http://127.0.0.1:" + port + "/dashboard");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		wait.until((d) -> d.getCurrentUrl().contains("/login"));
		new Select(browser.findElement(By.id("trial-user"))).selectByValue("zhao");
		browser.findElement(By.id("trial-submit")).click();
		wait.until((d) -> d.getCurrentUrl().contains("/"));
		// the chat page links to the dashboard
		browser.get("http://127.0.0.1:" + port + "/");
		WebElement link = wait.until((d) -> {
			WebElement a = d.findElement(By.id("dashboard-link"));
			return a.isDisplayed() ? a : null;
		});
		assertThat(link.getText()).isEqualTo("报表看板");
		link.click();
		wait.until((d) -> !d.findElements(By.id("filters")).isEmpty());
		assertThat(browser.getCurrentUrl()).endsWith("/dashboard");
		assertThat(browser.getTitle()).isEqualTo("销售报表看板");
		wait.until((d) -> chartsLoaded(4));
		assertThat(browser.findElement(By.id("report-funnel")).getText()).contains("销售漏斗", "共 6 个客户");
		assertThat(browser.findElement(By.id("report-region")).getText()).contains("江苏").doesNotContain("广东");
		for (WebElement chart : browser.findElements(By.cssSelector("img.chart"))) {
			assertDrawn(chart.getScreenshotAs(OutputType.BYTES));
		}
		assertDrawn(((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

		// filter: owner 李四 and tag A → one customer
		new Select(browser.findElement(By.id("f-owner"))).selectByValue("lisi");
		browser.findElement(By.id("f-tag")).sendKeys("A");
		browser.findElement(By.id("apply")).click();
		wait.until((d) -> d.getCurrentUrl().contains("owner=lisi"));
		wait.until((d) -> chartsLoaded(4));
		assertThat(browser.findElement(By.id("report-funnel")).getText()).contains("共 1 个客户");
		assertThat(browser.findElement(By.id("current")).getText()).contains("李四", "A");
		assertThat(new Select(browser.findElement(By.id("f-owner"))).getFirstSelectedOption().getText())
			.isEqualTo("李四");

		// a filter that empties the result names it, and shows no chart
		new Select(browser.findElement(By.id("f-stage"))).selectByValue("成交");
		browser.findElement(By.id("apply")).click();
		wait.until((d) -> d.getCurrentUrl().contains("stage="));
		assertThat(browser.findElement(By.id("report-funnel")).getText()).contains("筛空");
		assertThat(browser.findElements(By.cssSelector("img.chart"))).isEmpty();

		// 重置
		browser.findElement(By.id("reset")).click();
		wait.until((d) -> d.getCurrentUrl().endsWith("range=last_30_days"));
		wait.until((d) -> chartsLoaded(4));
		assertThat(browser.findElement(By.id("report-funnel")).getText()).contains("共 6 个客户");

		// a bad date: a clear answer, not a server error
		browser.get("http://127.0.0.1:" + port + "/dashboard?range=custom&from=2026-13-45&to=2026-01-01");
		assertThat(browser.findElement(By.id("error")).getText()).contains("「从」", "2026-13-45");
		assertThat(getAs("zhao", "/dashboard?range=custom&from=2026-13-45&to=2026-01-01").status()).isEqualTo(400);
		assertThat(getAs("zhao", "/dashboard?range=never").status()).isEqualTo(400);
		assertThat(get("/dashboard").status()).isIn(302, 401);
		assertThat(get("/api/dashboard/link").status()).isIn(302, 401);
	}

}
