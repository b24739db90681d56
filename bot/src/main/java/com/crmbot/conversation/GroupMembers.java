package com.crmbot.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.aliyun.dingtalkim_1_0.models.BatchQueryGroupMemberHeaders;
import com.aliyun.dingtalkim_1_0.models.BatchQueryGroupMemberRequest;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.dingtalk.DingTalkApi;
import com.crmbot.connector.dingtalk.DingTalkProperties;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.WxCpChat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Who is in a group chat, asked of the platform through its SDK: DingTalk
 * {@code POST /v1.0/im/sceneGroups/members/batchQuery} (staff ids), WeCom
 * {@code GET /cgi-bin/appchat/get} (userids). Empty when the platform does not say (not a
 * group it knows, an error): callers must then treat the group as not private.
 */
@Component
class GroupMembers {

	private static final Logger log = LoggerFactory.getLogger(GroupMembers.class);

	private final ObjectProvider<WxCpService> wecom;

	private final ObjectProvider<DingTalkApi> dingtalkApi;

	private final ObjectProvider<DingTalkProperties> dingtalkProps;

	private final Environment env;

	GroupMembers(ObjectProvider<WxCpService> wecom, ObjectProvider<DingTalkApi> dingtalkApi,
			ObjectProvider<DingTalkProperties> dingtalkProps, Environment env) {
		this.wecom = wecom;
		this.dingtalkApi = dingtalkApi;
		this.dingtalkProps = dingtalkProps;
		this.env = env;
	}

	/** The platform user ids of the group's members, or empty when unknown. */
	Optional<List<String>> of(ChatMessage m) {
		try {
			return switch (m.platform()) {
				case DINGTALK -> dingtalk(m.extras().getOrDefault("openConversationId", m.conversationId()));
				case WECOM -> wecom(m.conversationId());
				case LOCAL -> Optional.empty();
			};
		}
		catch (Exception ex) {
			log.info("group members of {} {} unknown: {}", m.platform().id(), m.conversationId(), ex.toString());
			return Optional.empty();
		}
	}

	private Optional<List<String>> dingtalk(String openConversationId) throws Exception {
		DingTalkApi api = dingtalkApi.getIfAvailable();
		DingTalkProperties p = dingtalkProps.getIfAvailable();
		if (api == null || p == null || openConversationId == null) {
			return Optional.empty();
		}
		Config c = new Config();
		c.protocol = p.apiProtocol();
		c.regionId = "central";
		c.endpoint = p.apiEndpoint();
		var client = new com.aliyun.dingtalkim_1_0.Client(c);
		RuntimeOptions r = new RuntimeOptions();
		r.connectTimeout = 5000;
		r.readTimeout = 10000;
		r.autoretry = false;
		List<String> out = new ArrayList<>();
		String next = null;
		for (int page = 0; page < 50; page++) {
			BatchQueryGroupMemberRequest req = new BatchQueryGroupMemberRequest()
				.setOpenConversationId(openConversationId)
				.setCoolAppCode(env.getProperty("crmbot.dingtalk.cool-app-code"))
				.setMaxResults(300L)
				.setNextToken(next);
			BatchQueryGroupMemberHeaders h = new BatchQueryGroupMemberHeaders();
			h.xAcsDingtalkAccessToken = api.accessToken();
			var body = client.batchQueryGroupMemberWithOptions(req, h, r).getBody();
			if (body == null || body.getMemberUserIds() == null) {
				return Optional.empty();
			}
			out.addAll(body.getMemberUserIds());
			next = body.getNextToken();
			if (!Boolean.TRUE.equals(body.getHasMore()) || next == null || next.isBlank()) {
				return Optional.of(out);
			}
		}
		return Optional.empty();
	}

	private Optional<List<String>> wecom(String chatId) throws Exception {
		WxCpService wx = wecom.getIfAvailable();
		if (wx == null || chatId == null) {
			return Optional.empty();
		}
		WxCpChat chat = wx.getChatService().get(chatId);
		return (chat != null && chat.getUsers() != null) ? Optional.of(List.copyOf(chat.getUsers())) : Optional.empty();
	}

}
