package com.crmbot.connector;

/**
 * A transport: delivers one outbound message to its platform. Implementations are called
 * by the {@link com.crmbot.connector.outbox.Outbox} dispatcher, never directly by the
 * bot, so every push is durable, retried and rate limited.
 */
public interface Connector {

	Platform platform();

	/** Whether this connector is configured and switched on. */
	default boolean enabled() {
		return true;
	}

	/**
	 * Try to deliver once. Must not throw for platform errors: classify them in the
	 * returned {@link SendResult}.
	 */
	SendResult send(Recipient to, Reply reply, String idempotencyKey);

	/**
	 * How many queued messages to the same recipient may be merged into one delivery
	 * (e.g. a group robot limited to 20 messages a minute gets one digest instead of many
	 * messages). 1 (default) disables batching.
	 */
	default int maxBatch(Recipient to) {
		return 1;
	}

	/**
	 * Deliver several queued messages to one recipient as one (only called when
	 * {@link #maxBatch(Recipient)} is above 1 and more than one message is due). The
	 * result applies to all of them. Default: merge the texts into one markdown digest
	 * titled with how many messages it holds.
	 */
	default SendResult sendBatch(Recipient to, java.util.List<Reply> replies, String idempotencyKey) {
		StringBuilder sb = new StringBuilder();
		for (Reply r : replies) {
			if (sb.length() > 0) {
				sb.append("\n\n---\n\n");
			}
			sb.append(ReplyText.markdown(r, "\n"));
		}
		// no words of its own (the connectors have no templates): the product and a count
		String title = "crm-bot (" + replies.size() + ")";
		return send(to, Reply.markdown(title, sb.toString()), idempotencyKey);
	}

}
