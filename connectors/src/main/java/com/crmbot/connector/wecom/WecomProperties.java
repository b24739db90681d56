package com.crmbot.connector.wecom;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * WeCom (企业微信) self-built app settings, {@code crmbot.wecom.*}. Only bound and validated
 * when {@code crmbot.wecom.enabled=true} (see {@link WecomConfiguration}), so a disabled
 * WeCom demands no secrets. {@link #toString()} masks every secret.
 *
 * @param enabled switch the connector on
 * @param corpId the corp id (企业ID); also the receiveid every callback must carry
 * @param agentId the self-built app's AgentId
 * @param secret the app's Secret (for access tokens)
 * @param token the callback Token (signature)
 * @param encodingAesKey the callback EncodingAESKey (43 characters)
 * @param callbackPath the HTTP path WeCom calls
 * @param apiBaseUrl the qyapi base URL (proxies, private deployments, tests)
 * @param kfOpenKfIds 微信客服 accounts (open_kfid) whose messages are pulled; empty: all
 * @param robots group robots: name → webhook key
 * @param passiveReplyBudget how long a callback waits for the bot's answer before
 * acknowledging empty and sending the answer actively (not at all while messages are
 * queued for processing: the answer could not come in time)
 * @param maxBodyBytes callback bodies above this size are refused with 413
 * @param memberPerMinute messages per minute to one member (WeCom drops the excess)
 * @param robotPerMinute messages per minute to one group robot
 * @param robotBatch how many queued robot notices may merge into one digest
 * @param inboundThreads threads that process callbacks after acknowledging (most of their
 * time is spent waiting for the store's group commit, so more threads share more syncs)
 * @param welcomeText default answer to {@code enter_agent} when the bot has none
 * @param recoveryInterval how often callbacks that were recorded and acknowledged but not
 * finished (crash, failure, full queue) are processed again; also once at start
 * @param kfRetryBackoff the wait before the app pulls 微信客服 messages again by itself after
 * a failed {@code kf/sync_msg} pull; doubled after each further failure
 * @param kfRetryAttempts how many times a failed pull is retried that way
 */
@Validated
@ConfigurationProperties("crmbot.wecom")
public record WecomProperties(@DefaultValue("false") boolean enabled, @NotBlank String corpId, @NotNull Integer agentId,
		@NotBlank String secret, @NotBlank String token,
		@NotNull @Pattern(regexp = "[A-Za-z0-9+/]{43}",
				message = "crmbot.wecom.encoding-aes-key must be exactly 43 characters [A-Za-z0-9+/] (the EncodingAESKey shown in the WeCom admin console)") String encodingAesKey,
		@DefaultValue("/wecom/callback") @NotBlank @Pattern(regexp = "/.*") String callbackPath,
		@DefaultValue("https://qyapi.weixin.qq.com") @NotBlank String apiBaseUrl, List<String> kfOpenKfIds,
		Map<String, String> robots, @DefaultValue("50ms") @NotNull Duration passiveReplyBudget,
		@DefaultValue("65536") @Min(1024) int maxBodyBytes, @DefaultValue("30") @Min(1) @Max(1000) int memberPerMinute,
		@DefaultValue("20") @Min(1) @Max(20) int robotPerMinute, @DefaultValue("10") @Min(1) int robotBatch,
		@DefaultValue("16") @Min(1) int inboundThreads,
		@DefaultValue("欢迎使用 crm-bot！直接发送客户咨询内容即可登记，发送 /help 查看全部命令。") String welcomeText,
		@DefaultValue("30s") @NotNull Duration recoveryInterval, @DefaultValue("5s") @NotNull Duration kfRetryBackoff,
		@DefaultValue("6") @Min(0) int kfRetryAttempts) {

	public WecomProperties {
		kfOpenKfIds = (kfOpenKfIds != null) ? List.copyOf(kfOpenKfIds) : List.of();
		robots = (robots != null) ? Map.copyOf(robots) : Map.of();
	}

	static String mask(String secret) {
		if (secret == null || secret.isEmpty()) {
			return String.valueOf(secret);
		}
		return (secret.length() <= 8) ? "****"
				: secret.substring(0, 2) + "****" + secret.substring(secret.length() - 2);
	}

	@Override
	public String toString() {
		Map<String, String> maskedRobots = new TreeMap<>();
		robots.forEach((k, v) -> maskedRobots.put(k, mask(v)));
		return "WecomProperties[enabled=" + enabled + ", corpId=" + corpId + ", agentId=" + agentId + ", secret="
				+ mask(secret) + ", token=" + mask(token) + ", encodingAesKey=" + mask(encodingAesKey)
				+ ", callbackPath=" + callbackPath + ", apiBaseUrl=" + apiBaseUrl + ", kfOpenKfIds=" + kfOpenKfIds
				+ ", robots=" + maskedRobots + ", passiveReplyBudget=" + passiveReplyBudget + ", maxBodyBytes="
				+ maxBodyBytes + ", memberPerMinute=" + memberPerMinute + ", robotPerMinute=" + robotPerMinute
				+ ", robotBatch=" + robotBatch + ", inboundThreads=" + inboundThreads + "]";
	}

}
