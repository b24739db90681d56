package com.crmbot.connector;

/** The chat platforms crm-bot talks through. */
public enum Platform {

	/** The built-in web chat and JSON API (no external platform). */
	LOCAL,

	/** WeCom (企业微信). */
	WECOM,

	/** DingTalk (钉钉). */
	DINGTALK;

	public String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
