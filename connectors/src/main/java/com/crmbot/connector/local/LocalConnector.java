package com.crmbot.connector.local;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

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

	private final AtomicLong seq;

	LocalConnector(MongoTemplate mongo, org.springframework.beans.factory.ObjectProvider<Clock> clock) {
		this.mongo = mongo;
		this.clock = clock.getIfAvailable(Clock::systemDefaultZone);
		mongo.indexOps(LocalInboxEntry.class)
			.createIndex(new Index().on("userKey", Sort.Direction.ASC).on("seq", Sort.Direction.ASC));
		LocalInboxEntry last = mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "seq")).limit(1),
				LocalInboxEntry.class);
		this.seq = new AtomicLong((last != null) ? last.seq() : 0);
	}

	@Override
	public Platform platform() {
		return Platform.LOCAL;
	}

	@Override
	public SendResult send(Recipient to, Reply reply, String idempotencyKey) {
		try {
			mongo.insert(new LocalInboxEntry(idempotencyKey, to.id(), reply, clock.instant(), seq.incrementAndGet()));
		}
		catch (DuplicateKeyException ex) {
			// already delivered by an earlier attempt: that is success, not a second copy
		}
		return SendResult.sent();
	}

	/** Pushes for a user after the given sequence number, oldest first. */
	public List<LocalInboxEntry> inbox(String userKey, long afterSeq) {
		return mongo.find(Query.query(Criteria.where("userKey").is(userKey).and("seq").gt(afterSeq))
			.with(Sort.by("seq"))
			.limit(200), LocalInboxEntry.class);
	}

}
