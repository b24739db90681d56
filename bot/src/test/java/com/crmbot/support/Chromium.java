package com.crmbot.support;

import java.io.File;
import java.util.Map;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium for the browser tests (Debian's chromium + chromium-driver,
 * installed by .ci/run; other paths with {@code -Dcrmbot.chromium} and
 * {@code -Dcrmbot.chromedriver}), asking for Chinese pages. The caller quits it.
 */
public final class Chromium {

	private Chromium() {
	}

	/** Start a browser with a window of the given size. */
	public static WebDriver start(int width, int height) {
		String driver = System.getProperty("crmbot.chromedriver", "/usr/bin/chromedriver");
		String binary = System.getProperty("crmbot.chromium", "/usr/bin/chromium");
		assertThat(new File(driver)).as("chromedriver (apt-get install chromium-driver)").exists();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(binary);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=" + width + "," + height);
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
