package com.crmbot.connector.local;

import java.time.Instant;

import com.crmbot.connector.Reply;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A push delivered to a local (web chat) user; the id is the outbox key, so once only.
 */
@Document("local_inbox")
public record LocalInboxEntry(@Id String id, String userKey, Reply reply, Instant deliveredAt, long seq) {
}
