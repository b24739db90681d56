package com.crmbot.approval;

import java.util.List;
import java.util.Optional;

import com.crmbot.chat.Actor;
import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.Reply;
import com.crmbot.chat.BotEventHandler;

import org.springframework.stereotype.Component;

/**
 * Follows native approvals: WeCom's {@code approval_changed} events with spNo and
 * spStatus, DingTalk's with processInstanceId, type and result.
 */
@Component
class NativeApprovalEvents implements BotEventHandler {

	private final NativeApprovals approvals;

	NativeApprovalEvents(NativeApprovals approvals) {
		this.approvals = approvals;
	}

	@Override
	public boolean supports(ChatEvent event) {
		return ChatEvent.APPROVAL_CHANGED.equals(event.type())
				&& (event.attributes().get("spNo") != null || event.attributes().get("processInstanceId") != null);
	}

	@Override
	public List<Reply> handle(ChatEvent event, Optional<Actor> actor) {
		if (event.attributes().get("processInstanceId") != null) {
			approvals.onDingTalkChange(event.attributes().get("processInstanceId"), event.attributes().get("type"),
					event.attributes().get("result"));
		}
		else {
			approvals.onNativeChange(event.attributes().get("spNo"), event.attributes().get("spStatus"));
		}
		// the outcome reaches the requester through the outbox; the event itself needs no
		// reply
		return List.of();
	}

}
