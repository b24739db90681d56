package com.crmbot.conversation;

import java.util.List;
import java.util.Optional;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.PlatformAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Who is in a group chat, asked of the platform through the connectors'
 * {@link PlatformAccounts} (DingTalk {@code /v1.0/im/sceneGroups/members/batchQuery},
 * WeCom {@code /cgi-bin/appchat/get}). Empty when the platform does not say (not a group
 * it knows, an error): callers must then treat the group as not private.
 */
@Component
class GroupMembers {

	private static final Logger log = LoggerFactory.getLogger(GroupMembers.class);

	private final List<PlatformAccounts> accounts;

	GroupMembers(List<PlatformAccounts> accounts) {
		this.accounts = accounts;
	}

	/** The platform user ids of the group's members, or empty when unknown. */
	Optional<List<String>> of(ChatMessage m) {
		String conversation = m.extras().getOrDefault("openConversationId", m.conversationId());
		for (PlatformAccounts a : accounts) {
			if (a.platform() == m.platform() && conversation != null) {
				try {
					return a.groupMembers(conversation);
				}
				catch (Exception ex) {
					log.info("group members of {} {} unknown: {}", m.platform().id(), conversation, ex.toString());
					return Optional.empty();
				}
			}
		}
		return Optional.empty();
	}

}
