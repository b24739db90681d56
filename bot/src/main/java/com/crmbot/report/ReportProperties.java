package com.crmbot.report;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Report settings ({@code crmbot.reports.*}).
 *
 * @param chartDir where chart images are written for the connectors to upload (WeCom
 * media upload, DingTalk media upload); with several instances, a shared directory
 * @param publicBaseUrl the bot's public address (e.g. {@code https://crm.example.com}),
 * for platforms that fetch chart images themselves (DingTalk robot markdown); unset: no
 * public links
 * @param linkSecret key signing public chart links; required with publicBaseUrl
 */
@ConfigurationProperties("crmbot.reports")
public record ReportProperties(@DefaultValue("./data/charts") Path chartDir, String publicBaseUrl, String linkSecret) {

	public ReportProperties {
		if (publicBaseUrl != null && !publicBaseUrl.isBlank() && (linkSecret == null || linkSecret.length() < 16)) {
			throw new IllegalArgumentException(
					"crmbot.reports.link-secret (at least 16 characters) is required with crmbot.reports.public-base-url");
		}
	}

}
