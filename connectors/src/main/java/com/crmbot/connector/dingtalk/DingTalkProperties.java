package com.crmbot.connector.dingtalk;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * DingTalk settings ({@code crmbot.dingtalk.*}). Only bound and validated when
 * {@code crmbot.dingtalk.enabled=true}, so a disabled DingTalk demands no secrets.
 *
 * @param enabled whether the DingTalk connector runs at all
 * @param clientId the enterprise-internal app's Client ID (formerly AppKey)
 * @param clientSecret the app's Client Secret (formerly AppSecret); also the key of the
 * HTTP callback signature
 * @param appKey legacy name of {@code clientId} (either may be set)
 * @param appSecret legacy name of {@code clientSecret} (either may be set)
 * @param robotCode the robot's code (usually equal to the Client ID)
 * @param mode {@code http} (DingTalk posts to our callback URL) or {@code stream} (we
 * connect out to DingTalk, no public URL needed)
 * @param callbackPath path of the HTTP callback endpoint
 * @param apiEndpoint host (and optional port) of the OpenAPI, {@code api.dingtalk.com}
 * @param apiProtocol {@code https} (tests: {@code http})
 * @param oapiBaseUrl base URL of the old API host used by custom group robots
 * @param maxBodyBytes largest callback body accepted
 * @param timestampTolerance how far a callback's timestamp may be from now
 * @param streamSilenceTimeout Stream mode: reconnect when nothing arrived for this long
 * @param streamWatchdogInterval Stream mode: how often the watchdog looks
 * @param streamDisconnectGrace Stream mode: replace the client when its connection has
 * been down this long (the SDK's own reconnect gets this much time)
 * @param streamKeepAlive Stream mode: the SDK pings the gateway after this much idle
 * time, so that a silently dropped connection is closed and noticed
 * @param robotLimitPerMinute messages per minute per custom group robot (DingTalk: 20)
 * @param robots custom group robots by name (e.g. a department)
 */
@Validated
@ConfigurationProperties("crmbot.dingtalk")
public record DingTalkProperties(@DefaultValue("false") boolean enabled, String clientId, String clientSecret,
		String appKey, String appSecret, String robotCode, @DefaultValue("http") @NotNull Mode mode,
		@DefaultValue("/dingtalk/callback") @NotBlank String callbackPath,
		@DefaultValue("api.dingtalk.com") @NotBlank String apiEndpoint,
		@DefaultValue("https") @NotBlank String apiProtocol,
		@DefaultValue("https://oapi.dingtalk.com") @NotBlank String oapiBaseUrl,
		@DefaultValue("65536") @Min(1024) int maxBodyBytes, @DefaultValue("1h") @NotNull Duration timestampTolerance,
		@DefaultValue("15m") @NotNull Duration streamSilenceTimeout,
		@DefaultValue("10s") @NotNull Duration streamWatchdogInterval,
		@DefaultValue("20s") @NotNull Duration streamDisconnectGrace,
		@DefaultValue("20s") @NotNull Duration streamKeepAlive,
		@DefaultValue("20") @Min(1) @Max(20) int robotLimitPerMinute, Map<String, @Valid GroupRobot> robots) {

	public DingTalkProperties {
		robots = (robots != null) ? Map.copyOf(new LinkedHashMap<>(robots)) : Map.of();
	}

	/** The Client ID (AppKey). */
	public String key() {
		return (clientId != null && !clientId.isBlank()) ? clientId : appKey;
	}

	/** The Client Secret (AppSecret). */
	public String secret() {
		return (clientSecret != null && !clientSecret.isBlank()) ? clientSecret : appSecret;
	}

	/** The robot code, defaulting to the Client ID as DingTalk does for new robots. */
	public String effectiveRobotCode() {
		return (robotCode != null && !robotCode.isBlank()) ? robotCode : key();
	}

	@AssertTrue(
			message = "crmbot.dingtalk.client-id (or app-key) and client-secret (or app-secret) are required when DingTalk is enabled")
	public boolean isCredentialsPresent() {
		return !enabled || (key() != null && !key().isBlank() && secret() != null && !secret().isBlank());
	}

	@Override
	public String toString() {
		return "DingTalkProperties[enabled=" + enabled + ", clientId=" + key() + ", clientSecret=" + mask(secret())
				+ ", robotCode=" + effectiveRobotCode() + ", mode=" + mode + ", callbackPath=" + callbackPath
				+ ", apiEndpoint=" + apiEndpoint + ", apiProtocol=" + apiProtocol + ", oapiBaseUrl=" + oapiBaseUrl
				+ ", robots=" + robots + "]";
	}

	static String mask(String secret) {
		if (secret == null || secret.isEmpty()) {
			return "(unset)";
		}
		return "****(" + secret.length() + " chars)";
	}

	public enum Mode {

		HTTP, STREAM

	}

	/**
	 * A custom group robot ("自定义机器人"): either the full webhook URL or its access token
	 * (then the URL is built from {@code oapiBaseUrl}), plus its signing secret
	 * ({@code SEC...}).
	 *
	 * @param webhook full webhook URL,
	 * {@code https://oapi.dingtalk.com/robot/send?access_token=...}
	 * @param accessToken the access token alone (alternative to {@code webhook})
	 * @param secret the "加签" secret
	 */
	public record GroupRobot(String webhook, String accessToken, @NotBlank String secret) {

		@AssertTrue(message = "a group robot needs a webhook or an access-token")
		public boolean isTargetPresent() {
			return (webhook != null && !webhook.isBlank()) || (accessToken != null && !accessToken.isBlank());
		}

		@Override
		public String toString() {
			return "GroupRobot[webhook="
					+ ((webhook != null) ? webhook.replaceAll("access_token=[^&]*", "access_token=****") : null)
					+ ", accessToken=" + mask(accessToken) + ", secret=" + mask(secret) + "]";
		}

	}

}
