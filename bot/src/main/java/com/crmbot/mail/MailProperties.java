package com.crmbot.mail;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outgoing e-mail ({@code crmbot.mail.*}). Mail is "set up" when {@code host} and
 * {@code from} are set; until then the e-mail commands say so and the campaign sends
 * nothing. The password comes from the environment ({@code MAIL_PASSWORD}).
 *
 * @param host SMTP host (empty: mail not set up)
 * @param port SMTP port
 * @param username SMTP user (empty: no authentication)
 * @param password SMTP password, from the environment
 * @param starttls require STARTTLS
 * @param ssl implicit TLS (SMTPS, usually port 465)
 * @param from sender address
 * @param fromName sender display name (campaign mails use the owner's name)
 * @param baseUrl the bot's public URL, for unsubscribe links
 * @param unsubscribeSecret key signing unsubscribe links (empty: generated once and kept
 * in the store, shared by every instance)
 * @param ratePerMinute at most this many mails per minute, across all instances
 * @param workers sender threads per instance
 * @param maxAttempts temporary failures before a mail is given up
 * @param baseBackoff first retry delay, doubled per attempt
 * @param lease a claimed mail is re-claimable after this (crashed sender)
 * @param pollInterval idle workers look for due mails this often
 * @param timeout SMTP connect/read timeout
 * @param background deliver in background threads (tests may drain by hand)
 */
@Validated
@ConfigurationProperties("crmbot.mail")
public record MailProperties(String host, @DefaultValue("25") @Min(1) @Max(65535) int port, String username,
		String password, @DefaultValue("false") boolean starttls, @DefaultValue("false") boolean ssl, String from,
		String fromName, @DefaultValue("http://localhost:8080") @NotNull String baseUrl, String unsubscribeSecret,
		@DefaultValue("600") @Min(1) int ratePerMinute, @DefaultValue("2") @Min(1) int workers,
		@DefaultValue("5") @Min(1) int maxAttempts, @DefaultValue("30s") @NotNull Duration baseBackoff,
		@DefaultValue("60s") @NotNull Duration lease, @DefaultValue("500ms") @NotNull Duration pollInterval,
		@DefaultValue("10s") @NotNull Duration timeout, @DefaultValue("true") boolean background) {

	public MailProperties {
		host = blankToNull(host);
		username = blankToNull(username);
		password = blankToNull(password);
		from = blankToNull(from);
		unsubscribeSecret = blankToNull(unsubscribeSecret);
		baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	private static String blankToNull(String s) {
		return (s == null || s.isBlank()) ? null : s.strip();
	}

	/** Whether mail is set up. */
	public boolean configured() {
		return host != null && from != null;
	}

	/** Delay before the retry after {@code attempts} temporary failures. */
	public Duration backoff(int attempts) {
		return baseBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 10));
	}

	@Override
	public String toString() {
		return "MailProperties[host=" + host + ", port=" + port + ", username=" + username + ", password="
				+ ((password != null) ? "******" : "none") + ", from=" + from + ", ratePerMinute=" + ratePerMinute
				+ "]";
	}

}
