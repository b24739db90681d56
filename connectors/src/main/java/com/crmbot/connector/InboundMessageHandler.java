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
	 * Handle several messages that arrived together (a connector's inbound batch), in
	 * order: the handler may file them with bulk store operations. One result per
	 * message, in the same order; a message whose processing failed carries its failure
	 * (the connector processes it again later) and does not fail the others. Default:
	 * {@link #handle} one by one.
	 */
	default List<Handled> handleAll(List<ChatMessage> messages) {
		List<Handled> out = new java.util.ArrayList<>(messages.size());
		for (ChatMessage m : messages) {
			try {
				List<Reply> r = handle(m);
				out.add(Handled.ok(r));
			}
			catch (RuntimeException ex) {
				out.add(Handled.failed(ex));
			}
		}
		return out;
	}

	/**
	 * The outcome of one message of {@link #handleAll}: its replies, or the failure.
	 *
	 * @param replies the replies (empty when failed)
	 * @param failure why processing failed, or null
	 */
	record Handled(List<Reply> replies, RuntimeException failure) {

		public static Handled ok(List<Reply> replies) {
			return new Handled((replies != null) ? replies : List.of(), null);
		}

		public static Handled failed(RuntimeException failure) {
			return new Handled(List.of(), failure);
		}

	}

	/**
	 * Handle a platform event that is not a chat message (a button click, an approval
	 * status change, a contact added...). Default: ignored.
	 */
	default List<Reply> onEvent(ChatEvent event) {
		return List.of();
	}

}
