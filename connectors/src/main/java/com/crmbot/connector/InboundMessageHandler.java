package com.crmbot.connector;

import java.util.List;

/**
 * Implemented by the bot: connectors hand every inbound message and event to it. The
 * handler is idempotent by {@link ChatMessage#globalId()}; connectors may call it again
 * for a message whose earlier processing failed.
 */
public interface InboundMessageHandler {

	/**
	 * Handle a message and return the replies to send back in the same conversation.
	 * Never throws for bad user input (answers instead); throws only when processing
	 * failed and should be retried.
	 */
	List<Reply> handle(ChatMessage message);

	/**
	 * Handle a platform event that is not a chat message (a button click, an approval
	 * status change, a contact added...). Default: ignored.
	 */
	default List<Reply> onEvent(ChatEvent event) {
		return List.of();
	}

}
