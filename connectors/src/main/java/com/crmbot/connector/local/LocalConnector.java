package com.crmbot.connector.local;

import java.time.Clock;
import java.util.List;

import com.crmbot.connector.Connector;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.SendResult;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The local transport: pushes to web-chat users land in their inbox in the store, which
 * the page polls. Delivery is keyed by the outbox key, so a retried send never shows
 * twice.
 */
@Component
public class LocalConnector implements Connector {

	private final MongoTemplate mongo;

	private final Clock clock;

	LocalConnector(MongoTemplate mongo, org.springframework.beans.factory.ObjectProvider<Clock> clock) {
		this.mongo = mongo;
		this.clock = clock.getIfAvailable(Clock::systemDefaultZone);
		mongo.indexOps(LocalInboxEntry.class)
			.createIndex(new Index().on("userKey", Sort.Direction.ASC).on("seq", Sort.Direction.ASC));
		mongo.indexOps(LocalChatEntry.class)
			.createIndex(new Index().on("userKey", Sort.Direction.ASC).on("seq", Sort.Direction.ASC));
	}

	@Override
	public Platform platform() {
		return Platform.LOCAL;
	}

	@Override
	public SendResult send(Recipient to, Reply reply, String idempotencyKey) {
		try {
			mongo.insert(new LocalInboxEntry(idempotencyKey, to.id(), reply, clock.instant(), nextSeq()));
		}
		catch (DuplicateKeyException ex) {
			// already delivered by an earlier attempt: that is success, not a second copy
		}
		return SendResult.sent();
	}

	/**
	 * The next inbox sequence number, from a counter in the store: every instance draws
	 * from the same sequence, so a page polling "after N" never misses another instance's
	 * push.
	 */
	private long nextSeq() {
		org.bson.Document c = mongo.findAndModify(Query.query(Criteria.where("_id").is("local_inbox")),
				new org.springframework.data.mongodb.core.query.Update().inc("n", 1L),
				org.springframework.data.mongodb.core.FindAndModifyOptions.options().upsert(true).returnNew(true),
				org.bson.Document.class, "counters");
		return ((Number) c.get("n")).longValue();
	}

	/**
	 * Keep a line of a web-chat conversation (what the user sent, or one direct answer).
	 * Stored under its id once: a retried post does not duplicate it.
	 */
	public void record(String id, String userKey, String text, Reply reply) {
		try {
			mongo.insert(new LocalChatEntry(id, userKey, text, reply, clock.instant(), nextSeq(), false));
		}
		catch (DuplicateKeyException ex) {
			// a retried post: already in the history, where it was
		}
	}

	/**
	 * The last {@code limit} lines of a user's conversation, oldest first: what they
	 * sent, the answers, and pushes, in the order they happened.
	 */
	public List<LocalChatEntry> history(String userKey, int limit) {
		Query q = Query.query(Criteria.where("userKey").is(userKey))
			.with(Sort.by(Sort.Direction.DESC, "seq"))
			.limit(limit);
		List<LocalChatEntry> lines = new java.util.ArrayList<>(mongo.find(q, LocalChatEntry.class));
		for (LocalInboxEntry p : mongo.find(Query.of(q), LocalInboxEntry.class)) {
			lines.add(new LocalChatEntry(p.id(), p.userKey(), null, p.reply(), p.deliveredAt(), p.seq(), true));
		}
		lines.sort(java.util.Comparator.comparingLong(LocalChatEntry::seq));
		return lines.subList(Math.max(0, lines.size() - limit), lines.size());
	}

	/** Pushes for a user after the given sequence number, oldest first. */
	public List<LocalInboxEntry> inbox(String userKey, long afterSeq) {
		return mongo.find(Query.query(Criteria.where("userKey").is(userKey).and("seq").gt(afterSeq))
			.with(Sort.by("seq"))
			.limit(200), LocalInboxEntry.class);
	}

}
