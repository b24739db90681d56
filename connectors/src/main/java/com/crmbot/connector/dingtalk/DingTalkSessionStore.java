package com.crmbot.connector.dingtalk;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Session webhooks, kept in the store so that replies queued in the outbox can still be
 * delivered after a restart. Two kinds of single-document entries: per message
 * ({@code m:<msgId>}: the reply to that message @-mentions its sender) and per
 * conversation ({@code c:<conversationId>}: the latest one). Entries older than two days
 * (webhooks live about 90 minutes) are purged as new ones are written (no TTL index,
 * which the embedded store ignores).
 */
public class DingTalkSessionStore {

	static final String COLLECTION = "dingtalk_sessions";

	private static final java.time.Duration KEEP = java.time.Duration.ofDays(2);

	private final MongoTemplate mongo;

	public DingTalkSessionStore(MongoTemplate mongo) {
		this.mongo = mongo;
		mongo.indexOps(COLLECTION).createIndex(new Index().on("updatedAt", Sort.Direction.ASC));
	}

	/** Record the session of a message (and as the latest of its conversation). */
	public void save(String msgId, Session session) {
		mongo.save(session.withId("c:" + session.conversationId()), COLLECTION);
		if (msgId != null) {
			mongo.save(session.withId("m:" + msgId), COLLECTION);
		}
		mongo.remove(Query.query(Criteria.where("updatedAt").lt(session.updatedAt().minus(KEEP))), COLLECTION);
	}

	public Optional<Session> forMessage(String msgId) {
		return Optional.ofNullable(mongo.findById("m:" + msgId, Session.class, COLLECTION));
	}

	public Optional<Session> forConversation(String conversationId) {
		return Optional.ofNullable(mongo.findById("c:" + conversationId, Session.class, COLLECTION));
	}

	/**
	 * A conversation's reply channel.
	 *
	 * @param id the store key (set by {@link #save})
	 * @param conversationId the conversation (group: openConversationId)
	 * @param sessionWebhook the session webhook
	 * @param expiresAt when that webhook stops working
	 * @param senderStaffId who wrote the message (mentioned in group replies)
	 * @param senderNick their display name
	 * @param group whether it is a group conversation
	 * @param updatedAt when this was recorded
	 */
	@Document(COLLECTION)
	public record Session(@Id String id, String conversationId, String sessionWebhook, Instant expiresAt,
			String senderStaffId, String senderNick, boolean group, Instant updatedAt) {

		Session withId(String newId) {
			return new Session(newId, conversationId, sessionWebhook, expiresAt, senderStaffId, senderNick, group,
					updatedAt);
		}

	}

}
