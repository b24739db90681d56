package com.crmbot.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Durable SMS queue in front of the {@link SmsGateway}: queued idempotently by key, sent
 * by whoever claims it (single-document update with a lease), retried with backoff.
 */
@Service
public class SmsService {

	private static final Logger log = LoggerFactory.getLogger(SmsService.class);

	static final int MAX_ATTEMPTS = 5;

	private static final Duration LEASE = Duration.ofMinutes(2);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final SmsGateway gateway;

	private final String instanceId = UUID.randomUUID().toString();

	SmsService(MongoTemplate mongo, Clock clock, SmsGateway gateway) {
		this.mongo = mongo;
		this.clock = clock;
		this.gateway = gateway;
	}

	public boolean enabled() {
		return gateway.enabled();
	}

	/** Queue an SMS; false when this key was queued before. */
	public boolean queue(String key, String reminderId, String userId, String mobile, String text) {
		Instant now = clock.instant();
		try {
			mongo.insert(new SmsMessage(key, reminderId, userId, mobile, text, SmsMessage.Status.PENDING, 0, now,
					Instant.EPOCH, null, null, now, null));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	public SmsMessage find(String key) {
		return mongo.findById(key, SmsMessage.class);
	}

	/** Send everything due; returns how many were attempted. */
	public int dispatch() {
		int n = 0;
		SmsMessage m;
		while ((m = claim()) != null) {
			n++;
			SmsGateway.Result r;
			try {
				r = gateway.send(m.mobile(), m.text(), m.id());
			}
			catch (RuntimeException ex) {
				r = SmsGateway.Result.retry(ex.getClass().getSimpleName());
			}
			record(m, r);
		}
		return n;
	}

	private SmsMessage claim() {
		Instant now = clock.instant();
		Query q = Query.query(new Criteria().orOperator(
				Criteria.where("status").is(SmsMessage.Status.PENDING).and("nextAttemptAt").lte(now),
				Criteria.where("status").is(SmsMessage.Status.SENDING).and("leaseUntil").lt(now)));
		Update u = new Update().set("status", SmsMessage.Status.SENDING)
			.set("leaseUntil", now.plus(LEASE))
			.set("owner", instanceId);
		return mongo.findAndModify(q, u, FindAndModifyOptions.options().returnNew(true), SmsMessage.class);
	}

	private void record(SmsMessage m, SmsGateway.Result r) {
		Instant now = clock.instant();
		Query mine = Query.query(Criteria.where("_id")
			.is(m.id())
			.and("owner")
			.is(instanceId)
			.and("status")
			.is(SmsMessage.Status.SENDING));
		Update u = new Update().set("leaseUntil", Instant.EPOCH);
		switch (r.outcome()) {
			case SENT -> {
				u.set("status", SmsMessage.Status.SENT).set("sentAt", now);
				log.info("sms: sent {} to user {}", m.id(), m.userId());
			}
			case RETRY -> {
				int attempts = m.attempts() + 1;
				if (attempts >= MAX_ATTEMPTS) {
					u.set("status", SmsMessage.Status.FAILED);
				}
				else {
					u.set("status", SmsMessage.Status.PENDING)
						.set("nextAttemptAt", now.plus(Duration.ofSeconds(30L << (attempts - 1))));
				}
				u.set("attempts", attempts).set("lastError", r.reason());
				log.info("sms: {} not sent ({}), attempt {}", m.id(), r.reason(), attempts);
			}
			case FAILED -> {
				u.set("status", SmsMessage.Status.FAILED)
					.set("attempts", m.attempts() + 1)
					.set("lastError", r.reason());
				log.warn("sms: {} failed: {}", m.id(), r.reason());
			}
		}
		mongo.updateFirst(mine, u, SmsMessage.class);
	}

}
