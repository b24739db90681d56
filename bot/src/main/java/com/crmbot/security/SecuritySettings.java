package com.crmbot.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * Sign-in, cookies and abuse limits ({@code crmbot.security.*}).
 *
 * @param trial {@code auto} (default): password-less sign-in for the person at the
 * machine while the embedded store is used, no platform is enabled and the server listens
 * on loopback only; {@code off}: never
 * @param cookieSecure whether the session cookie is {@code Secure}; unset: yes unless the
 * server listens on loopback only (plain-http trial on the machine itself)
 * @param frameAncestors origins allowed to frame the pages (WeCom / DingTalk workbench)
 * @param maxChatBytes largest body of a chat message or extraction request
 * @param maxOtherBytes largest body of any other request (sign-in forms, callbacks)
 * @param chatPerMinute chat messages per user and minute
 * @param importPerMinute imports per user and minute
 * @param exportPerMinute exports per user and minute
 */
@ConfigurationProperties("crmbot.security")
@Validated
public record SecuritySettings(@DefaultValue("auto") Trial trial, Boolean cookieSecure, @DefaultValue( {
		"'self'", "https://*.work.weixin.qq.com", "https://*.dingtalk.com" }) List<String> frameAncestors,
		@DefaultValue("65536") @Min(1024) long maxChatBytes, @DefaultValue("1048576") @Min(1024) long maxOtherBytes,
		@DefaultValue("60") @Min(1) int chatPerMinute, @DefaultValue("10") @Min(1) int importPerMinute,
		@DefaultValue("10") @Min(1) int exportPerMinute){

	public enum Trial {

		AUTO, OFF

	}

}
