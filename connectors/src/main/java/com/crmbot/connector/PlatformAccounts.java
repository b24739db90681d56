package com.crmbot.connector;

import java.util.List;
import java.util.Optional;

/**
 * Who someone is on a platform, asked of the platform through its SDK: sign-in codes
 * turned into the platform user id, and the members of a group conversation. One bean per
 * enabled platform.
 */
public interface PlatformAccounts {

	Platform platform();

	/** The app's public id for sign-in URLs: WeCom corp id, DingTalk client id. */
	String appId();

	/** WeCom's agent id; null on DingTalk. */
	String agentId();

	/**
	 * The user id for a code from the platform's in-app sign-in (WeCom OAuth2 web
	 * authorization or web login QR; DingTalk 免登 auth code); null when the platform names
	 * nobody.
	 * @throws Exception when the platform refuses the code or cannot be reached
	 */
	String userIdFromCode(String code) throws Exception;

	/**
	 * The user id for a code from the platform's OAuth2 (QR) login page (WeCom: the same
	 * as {@link #userIdFromCode}; DingTalk: user token → unionId → userid); null when the
	 * platform names nobody.
	 * @throws Exception when the platform refuses the code or cannot be reached
	 */
	String userIdFromLoginCode(String code) throws Exception;

	/**
	 * The user ids of a group conversation's members; empty when the platform does not
	 * say.
	 * @throws Exception when the platform cannot be reached
	 */
	Optional<List<String>> groupMembers(String conversationId) throws Exception;

}
