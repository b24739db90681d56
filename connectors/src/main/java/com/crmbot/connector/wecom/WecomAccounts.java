package com.crmbot.connector.wecom;

import java.util.List;
import java.util.Optional;

import com.crmbot.connector.Platform;
import com.crmbot.connector.PlatformAccounts;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.WxCpChat;
import me.chanjar.weixin.cp.bean.WxCpOauth2UserInfo;

/**
 * WeCom identities through WxJava at {@code crmbot.wecom.api-base-url}: OAuth2 / web
 * login codes via {@code WxCpOAuth2Service.getAuthUserInfo}
 * ({@code /cgi-bin/auth/getuserinfo}), group members via {@code /cgi-bin/appchat/get}.
 */
public class WecomAccounts implements PlatformAccounts {

	private final WecomProperties props;

	private final WxCpService wx;

	public WecomAccounts(WecomProperties props, WxCpService wx) {
		this.props = props;
		this.wx = wx;
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
		WxCpChat chat = wx.getChatService().get(chatId);
		return (chat != null && chat.getUsers() != null) ? Optional.of(List.copyOf(chat.getUsers())) : Optional.empty();
	}

}
