package com.crmbot.config;

import java.util.Map;

import jakarta.validation.constraints.Min;

/**
 * {@code config/bot.yaml}: conversation settings.
 *
 * @param aliases extra command aliases (alias → command name), e.g. {@code 新建: new}
 * @param maxMessageBytes messages longer than this (UTF-8 bytes) are refused
 * @param defaultNotifyUser user id notified about customer messages with no owner
 */
public record BotConfig(Map<String, String> aliases,
		@Min(value = 16, message = "must be at least 16") Integer maxMessageBytes, String defaultNotifyUser) {

	public BotConfig {
		aliases = (aliases != null) ? Map.copyOf(aliases) : Map.of();
		maxMessageBytes = (maxMessageBytes != null) ? maxMessageBytes : 8192;
	}

}
