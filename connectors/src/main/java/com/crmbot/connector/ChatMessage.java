package com.crmbot.connector;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A message that arrived on some platform, in transport-neutral form.
 *
 * @param messageId the platform's own message id (unique per platform), used for
 * idempotency
 * @param platform where it came from
 * @param conversationId the conversation to answer in (a user id for one-to-one chats, a
 * group/conversation id otherwise)
 * @param senderId the sender's platform user id (WeCom userid, DingTalk staffId, local
 * user key)
 * @param text the text (for non-text messages a short description, may be empty)
 * @param receivedAt when the platform says it was sent, or when we received it
 * @param type content type
 * @param group whether it was said in a group conversation
 * @param attachment media reference, file name or URL for non-text messages, else null
 * @param extras platform-specific extra facts a connector wants to pass on (never
 * secrets)
 */
public record ChatMessage(String messageId, Platform platform, String conversationId, String senderId, String text,
		Instant receivedAt, MessageType type, boolean group, String attachment, Map<String, String> extras) {

	public ChatMessage {
		Objects.requireNonNull(messageId, "messageId");
		Objects.requireNonNull(platform, "platform");
		Objects.requireNonNull(senderId, "senderId");
		Objects.requireNonNull(receivedAt, "receivedAt");
		text = (text != null) ? text : "";
		type = (type != null) ? type : MessageType.TEXT;
		conversationId = (conversationId != null) ? conversationId : senderId;
		extras = (extras != null) ? Map.copyOf(extras) : Map.of();
	}

	/** A one-to-one text message. */
	public static ChatMessage text(String messageId, Platform platform, String senderId, String text, Instant at) {
		return new ChatMessage(messageId, platform, senderId, senderId, text, at, MessageType.TEXT, false, null, null);
	}

	/** The platform-qualified id, unique across platforms. */
	public String globalId() {
		return platform.id() + ":" + messageId;
	}

}
