package com.crmbot.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Durable record of inbound messages and events, so that a platform's retries are
 * processed once. A key is claimed before processing; a key whose processing failed, or
 * whose claim went stale (crash), may be claimed again. Lives in the store, never only in
 * memory.
 */
@Component
public class InboundLedger {

	static final String COLLECTION = "inbound_ledger";

	private static final Duration STALE_AFTER = Duration.ofSeconds(30);

	private final MongoTemplate mongo;

	private final Clock clock;

	public InboundLedger(MongoTemplate mongo, ObjectProvider<Clock> clock) {
		this.mongo = mongo;
		this.clock = clock.getIfAvailable(Clock::systemDefaultZone);
	}

	/**
	 * Claim a key for processing. Returns true when the caller should process the message
	 * (first time, or an earlier attempt failed or went stale), false for a duplicate
	 * that is done or being processed right now.
	 */
	public boolean begin(String key) {
		Instant now = clock.instant();
		try {
			mongo.insert(new Entry(key, Status.PROCESSING, now, now.plus(STALE_AFTER), 1, null, null), COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			Query retryable = Query.query(Criteria.where("_id")
				.is(key)
				.orOperator(Criteria.where("status").is(Status.FAILED),
						Criteria.where("status").is(Status.PROCESSING).and("staleAt").lt(now)));
			Update u = new Update().set("status", Status.PROCESSING)
				.set("staleAt", now.plus(STALE_AFTER))
				.inc("attempts", 1);
			return mongo.findAndModify(retryable, u, FindAndModifyOptions.options().returnNew(true), Entry.class,
					COLLECTION) != null;
		}
	}

	/**
	 * Durably record an authenticated inbound message before it is acknowledged to the
	 * platform, with what is needed to process it again after a crash. Returns true for a
	 * new key, false for one recorded before (a platform retry). Throws if the store
	 * cannot record it: the caller must then not acknowledge.
	 */
	public boolean record(String key, String platform, String payload) {
		Instant now = clock.instant();
		try {
			mongo.insert(new Entry(key, Status.RECEIVED, now, now.plus(STALE_AFTER), 0, platform, payload), COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Durably record an authenticated inbound message and claim it for processing by this
	 * process in the same single insert (the fast path: no separate claim). Returns true
	 * for a new key, false for one recorded before (a platform retry). Should this
	 * process die before {@link #doneAll}, the claim goes stale and the recovery sweep
	 * processes the recorded payload again. Throws if the store cannot record it: the
	 * caller must then not acknowledge.
	 */
	public boolean recordClaimed(String key, String platform, String payload) {
		Instant now = clock.instant();
		try {
			mongo.insert(new Entry(key, Status.PROCESSING, now, now.plus(STALE_AFTER), 1, platform, payload),
					COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Several keys processed: one update for all of them. */
	public void doneAll(java.util.Collection<String> keys) {
		if (keys.size() == 1) {
			done(keys.iterator().next());
		}
		else if (!keys.isEmpty()) {
			mongo.updateMulti(Query.query(Criteria.where("_id").in(keys)),
					new Update().set("status", Status.DONE).unset("payload"), COLLECTION);
		}
	}

	/** Several keys failed: one update for all of them. */
	public void failedAll(java.util.Collection<String> keys) {
		if (keys.size() == 1) {
			failed(keys.iterator().next());
		}
		else if (!keys.isEmpty()) {
			mongo.updateMulti(Query.query(Criteria.where("_id").in(keys)), new Update().set("status", Status.FAILED),
					COLLECTION);
		}
	}

	/**
	 * Claim a recorded key for processing: one round trip. True when the caller should
	 * process it (recorded and not yet claimed, failed before, or claimed by a process
	 * that went away).
	 */
	public boolean claim(String key) {
		Instant now = clock.instant();
		Query claimable = Query.query(Criteria.where("_id")
			.is(key)
			.orOperator(Criteria.where("status").in(Status.RECEIVED, Status.FAILED),
					Criteria.where("status").is(Status.PROCESSING).and("staleAt").lt(now)));
		Update u = new Update().set("status", Status.PROCESSING)
			.set("staleAt", now.plus(STALE_AFTER))
			.inc("attempts", 1);
		return mongo.findAndModify(claimable, u, FindAndModifyOptions.options().returnNew(true), Entry.class,
				COLLECTION) != null;
	}

	/**
	 * Recorded messages of a platform that still need processing: never claimed and
	 * recorded before {@code olderThan}, failed (fewer than {@code maxAttempts}
	 * attempts), or claimed by a process that went away. Oldest first.
	 */
	public List<Pending> pending(String platform, Instant olderThan, int maxAttempts, int limit) {
		Instant now = clock.instant();
		Query q = Query
			.query(Criteria.where("platform")
				.is(platform)
				.orOperator(Criteria.where("status").is(Status.RECEIVED).and("firstSeen").lt(olderThan),
						Criteria.where("status").is(Status.FAILED).and("attempts").lt(maxAttempts),
						Criteria.where("status").is(Status.PROCESSING).and("staleAt").lt(now)))
			.with(Sort.by("firstSeen"))
			.limit(limit);
		q.fields().include("payload").include("status").include("attempts");
		return mongo.find(q, Entry.class, COLLECTION)
			.stream()
			.filter((e) -> e.payload() != null)
			.map((e) -> new Pending(e.id(), e.payload(), e.attempts()))
			.toList();
	}

	/** A recorded message waiting for processing. */
	public record Pending(String key, String payload, int attempts) {
	}

	/** Processing succeeded: later deliveries of this key are ignored. */
	public void done(String key) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(key)),
				new Update().set("status", Status.DONE).unset("payload"), COLLECTION);
	}

	/** Processing failed: the next delivery of this key is processed again. */
	public void failed(String key) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), new Update().set("status", Status.FAILED),
				COLLECTION);
	}

	/** The recorded status of a key, or null if never seen. */
	public Status status(String key) {
		Entry e = mongo.findById(key, Entry.class, COLLECTION);
		return (e != null) ? e.status() : null;
	}

	public enum Status {

		/** Recorded and acknowledged, not yet processed. */
		RECEIVED, PROCESSING, DONE, FAILED

	}

	@Document(COLLECTION)
	record Entry(@Id String id, Status status, Instant firstSeen, Instant staleAt, int attempts, String platform,
			String payload) {
	}

}
