package com.crmbot.care;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Once-per-period runs shared by all instances: a run ({@code nightly:2026-12-03},
 * {@code campaign:2026-12}) is claimed with a lease; a run whose claimant died becomes
 * claimable again when the lease expires, and a finished run is never run again.
 */
@Component
class JobRuns {

	private final MongoTemplate mongo;

	private final Clock clock;

	private final String instance = UUID.randomUUID().toString();

	JobRuns(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Claim a run; false when it is done or another instance holds it. */
	boolean claim(String id, Duration lease) {
		Instant now = clock.instant();
		try {
			mongo.insert(new Run(id, instance, now.plus(lease), false, now, null));
			return true;
		}
		catch (DuplicateKeyException ex) {
			Run r = mongo.findAndModify(
					Query.query(Criteria.where("_id").is(id).and("done").is(false).and("leaseUntil").lt(now)),
					new Update().set("owner", instance).set("leaseUntil", now.plus(lease)),
					FindAndModifyOptions.options().returnNew(true), Run.class);
			return r != null;
		}
	}

	/** Extend the lease of a run this instance holds. */
	void extend(String id, Duration lease) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("owner").is(instance)),
				new Update().set("leaseUntil", clock.instant().plus(lease)), Run.class);
	}

	void finish(String id) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("owner").is(instance)),
				new Update().set("done", true).set("finishedAt", clock.instant()), Run.class);
	}

	boolean done(String id) {
		Run r = mongo.findById(id, Run.class);
		return r != null && r.done();
	}

	/** A run. */
	@Document(Run.COLLECTION)
	record Run(@Id String id, String owner, Instant leaseUntil, boolean done, Instant startedAt, Instant finishedAt) {

		static final String COLLECTION = "job_runs";

	}

}
