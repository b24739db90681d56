package com.crmbot.connector.local;

import java.time.Instant;

import com.crmbot.connector.Reply;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One line of a web-chat conversation kept in the store, so the page shows its history
 * after a reload: what the user sent ({@code reply} null) or one of the bot's direct
 * answers. Pushes live in {@link LocalInboxEntry}; both draw their {@code seq} from the
 * same counter, so merged by {@code seq} they are in order.
 *
 * @param id the message id plus the position ({@code <msgId>:in}, {@code <msgId>:0}...),
 * so a retried post is stored once
 * @param userKey whose conversation
 * @param text what the user sent (null for the bot's answers)
 * @param reply the bot's answer (null for what the user sent)
 * @param at when
 * @param seq order in the conversation
 * @param push whether this is a push from the inbox (never stored here: set when the
 * history merges the inbox in)
 */
@Document("local_chat")
public record LocalChatEntry(@Id String id, String userKey, String text, Reply reply, Instant at, long seq,
		boolean push) {
}
