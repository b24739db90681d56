package com.crmbot.connector.wecom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.crmbot.connector.Platform;
import com.crmbot.connector.PlatformAccounts;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.WxCpChat;
import me.chanjar.weixin.cp.bean.WxCpOauth2UserInfo;

/**
 * WeCom identities through WxJava at {@code crmbot.wecom.api-base-url}: OAuth2 / web
 * login codes via {@code WxCpOAuth2Service.getAuthUserInfo}
 * ({@code /cgi-bin/auth/getuserinfo}), group members via {@code /cgi-bin/appchat/get}
 * ({@code WxCpChatService.get}). WeCom tells the members only of group chats the app
 * created ({@code appchat/create}); for any other group it answers an error and the group
 * counts as not private. Answers are kept for {@link #MEMBERS_TTL} so that a busy group
 * does not cost an API call per message, and a member who leaves is forgotten soon.
 */
public class WecomAccounts implements PlatformAccounts {

	private final WecomProperties props;

	static final Duration MEMBERS_TTL = Duration.ofSeconds(60);

	private static final int MEMBERS_CACHED = 1000;

	private final WxCpService wx;

	private final Clock clock;

	private final Map<String, Members> members = new ConcurrentHashMap<>();

	private record Members(List<String> ids, Instant until) {
	}

	public WecomAccounts(WecomProperties props, WxCpService wx, Clock clock) {
		this.props = props;
		this.wx = wx;
		this.clock = clock;
	}

	@Override
	public Platform platform() {
		return Platform.WECOM;
	}

	@Override
	public String appId() {
		return props.corpId();
	}

	@Override
	public String agentId() {
		return String.valueOf(props.agentId());
	}

	@Override
	public String userIdFromCode(String code) throws Exception {
		WxCpOauth2UserInfo info = wx.getOauth2Service().getAuthUserInfo(code);
		return (info != null) ? info.getUserId() : null;
	}

	@Override
	public String userIdFromLoginCode(String code) throws Exception {
		return userIdFromCode(code);
	}

	@Override
	public Optional<List<String>> groupMembers(String chatId) throws Exception {
		Instant now = clock.instant();
		Members known = members.get(chatId);
		if (known != null && now.isBefore(known.until())) {
			return Optional.of(known.ids());
		}
		WxCpChat chat = wx.getChatService().get(chatId);
		if (chat == null || chat.getUsers() == null) {
			return Optional.empty();
		}
		List<String> ids = List.copyOf(chat.getUsers());
		if (members.size() >= MEMBERS_CACHED) {
			members.entrySet().removeIf((e) -> !now.isBefore(e.getValue().until()));
		}
		if (members.size() < MEMBERS_CACHED) {
			members.put(chatId, new Members(ids, now.plus(MEMBERS_TTL)));
		}
		return Optional.of(ids);
	}

}
