package com.crmbot.approval;

import java.util.List;
import java.util.Optional;

import com.crmbot.access.Actor;
import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.Reply;
import com.crmbot.conversation.BotEventHandler;

import org.springframework.stereotype.Component;

/**
 * Follows WeCom native approvals: {@code approval_changed} events with spNo and spStatus.
 */
@Component
class NativeApprovalEvents implements BotEventHandler {

	private final ApprovalService approvals;

	NativeApprovalEvents(ApprovalService approvals) {
		this.approvals = approvals;
	}

	@Override
	public boolean supports(ChatEvent event) {
		return ChatEvent.APPROVAL_CHANGED.equals(event.type()) && event.attributes().get("spNo") != null;
	}

	@Override
	public List<Reply> handle(ChatEvent event, Optional<Actor> actor) {
		approvals.onNativeChange(event.attributes().get("spNo"), event.attributes().get("spStatus"));
		// the outcome reaches the requester through the outbox; the event itself needs no
		// reply
		return List.of();
	}

}
