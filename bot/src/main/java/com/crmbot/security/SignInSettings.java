package com.crmbot.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Platform sign-in on the web pages ({@code crmbot.signin.*}). The platforms' API hosts
 * come from the connectors' settings ({@code crmbot.wecom.api-base-url},
 * {@code crmbot.dingtalk.api-endpoint}, {@code crmbot.dingtalk.oapi-base-url}); these are
 * the pages the browser is sent to.
 *
 * @param publicUrl the address users reach crm-bot at (e.g.
 * {@code https://crm.example.com}), used in the {@code redirect_uri} the platforms send
 * the browser back to; unset: the address of the request
 * @param wecomAuthorizeUrl WeCom's OAuth2 web authorization page (pages opened inside
 * WeCom)
 * @param wecomQrUrl WeCom's web login (QR) page for desktop browsers
 * @param dingtalkAuthorizeUrl DingTalk's OAuth2 (QR / account) sign-in page
 * @param dingtalkJsapiUrl DingTalk's JSAPI script, loaded by the in-app (免登) page only
 * @param dingtalkCorpId the DingTalk corpId the in-app page asks an auth code for
 */
@ConfigurationProperties("crmbot.signin")
@Validated
public record SignInSettings(@Pattern(regexp = "https?://[^?#]+") String publicUrl,
		@DefaultValue("https://open.weixin.qq.com/connect/oauth2/authorize") @NotBlank String wecomAuthorizeUrl,
		@DefaultValue("https://login.work.weixin.qq.com/wwlogin/sso/login") @NotBlank String wecomQrUrl,
		@DefaultValue("https://login.dingtalk.com/oauth2/auth") @NotBlank String dingtalkAuthorizeUrl,
		@DefaultValue("https://g.alicdn.com/dingding/dingtalk-jsapi/3.0.25/dingtalk.open.js") @NotBlank String dingtalkJsapiUrl,
		String dingtalkCorpId) {

}
