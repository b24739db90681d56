package com.crmbot.store;

import java.time.Clock;
import java.time.Instant;

import com.crmbot.schedule.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Removes inbound-ledger entries (platform message ids already processed) older than
 * {@code crmbot.store.ledger.retention}, every
 * {@code crmbot.store.ledger.cleanup-interval} (the store has no TTL indexes). Only
 * {@code DONE} entries go: a message still waiting for processing or failed stays until
 * it is processed. The retention is far longer than the platforms' retry windows, so a
 * retry is still recognised as a repeat.
 */
@Component
class LedgerCleanup implements ScheduledWork {

	private static final Logger log = LoggerFactory.getLogger(LedgerCleanup.class);

	static final String COLLECTION = "inbound_ledger";

	private final MongoTemplate mongo;

	private final StoreProperties props;

	private final Clock clock;

	private volatile Instant nextRun = Instant.MIN;

	LedgerCleanup(MongoTemplate mongo, StoreProperties props, Clock clock) {
		this.mongo = mongo;
		this.props = props;
		this.clock = clock;
	}

	@Override
	public void runDue() {
		Instant now = clock.instant();
		if (now.isBefore(nextRun)) {
			return;
		}
		nextRun = now.plus(props.ledger().cleanupInterval());
		long removed = purge(now);
		if (removed > 0) {
			log.info("store: removed {} inbound-ledger entries done before {}", removed,
					now.minus(props.ledger().retention()));
		}
	}

	/** Removes done entries first seen before the retention; returns how many. */
	long purge(Instant now) {
		Instant before = now.minus(props.ledger().retention());
		return mongo.remove(Query.query(Criteria.where("status").is("DONE").and("firstSeen").lt(before)), COLLECTION)
			.getDeletedCount();
	}

}
