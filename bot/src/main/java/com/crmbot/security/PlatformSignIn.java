package com.crmbot.security;

import java.util.List;
import java.util.Optional;

import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.Platform;
import com.crmbot.connector.PlatformAccounts;

import org.springframework.stereotype.Service;

/**
 * Turns a platform's sign-in code into the platform user id, through the connectors'
 * {@link PlatformAccounts} (the platforms' SDKs at the configured base URLs), and maps it
 * to the configured user of {@code org.yaml}.
 * <ul>
 * <li>WeCom OAuth2 web authorization and web login (QR): {@code code} →
 * {@code /cgi-bin/auth/getuserinfo} → userid;</li>
 * <li>DingTalk in-app (免登): auth code → {@code /topapi/v2/user/getuserinfo} →
 * userid;</li>
 * <li>DingTalk QR / OAuth2: auth code → {@code oauth2/userAccessToken} →
 * {@code contact/users/me} (unionId) → {@code /topapi/user/getbyunionid} → userid.</li>
 * </ul>
 */
@Service
public class PlatformSignIn {

	/**
	 * The outcome: the platform's user id (null when the platform gave none) and the
	 * configured user it maps to (empty when none).
	 */
	public record Result(String platformUserId, Optional<User> user) {

	}

	private final ConfigService config;

	private final List<PlatformAccounts> accounts;

	PlatformSignIn(ConfigService config, List<PlatformAccounts> accounts) {
		this.config = config;
		this.accounts = accounts;
	}

	Optional<PlatformAccounts> on(Platform platform) {
		return accounts.stream().filter((a) -> a.platform() == platform).findFirst();
	}

	public boolean wecomEnabled() {
		return on(Platform.WECOM).isPresent();
	}

	public boolean dingtalkEnabled() {
		return on(Platform.DINGTALK).isPresent();
	}

	String wecomCorpId() {
		return on(Platform.WECOM).orElseThrow().appId();
	}

	String wecomAgentId() {
		return on(Platform.WECOM).orElseThrow().agentId();
	}

	String dingtalkClientId() {
		return on(Platform.DINGTALK).orElseThrow().appId();
	}

	/** WeCom OAuth2 / web login code → user. */
	public Result wecom(String code) throws Exception {
		return result(Platform.WECOM, on(Platform.WECOM).orElseThrow().userIdFromCode(code));
	}

	/** DingTalk in-app (免登) auth code → user. */
	public Result dingtalkInApp(String code) throws Exception {
		return result(Platform.DINGTALK, on(Platform.DINGTALK).orElseThrow().userIdFromCode(code));
	}

	/** DingTalk OAuth2 (QR) auth code → user. */
	public Result dingtalkQr(String authCode) throws Exception {
		return result(Platform.DINGTALK, on(Platform.DINGTALK).orElseThrow().userIdFromLoginCode(authCode));
	}

	private Result result(Platform platform, String platformUserId) {
		if (platformUserId == null || platformUserId.isBlank()) {
			return new Result(null, Optional.empty());
		}
		return new Result(platformUserId, config.get().userOn(platform, platformUserId));
	}

}
