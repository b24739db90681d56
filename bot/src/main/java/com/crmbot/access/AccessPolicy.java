package com.crmbot.access;

import com.crmbot.chat.Actor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Who sees which customers, from the roles in the admin YAML: own / department / all,
 * optionally limited to customers created or assigned in the last N days (newcomers), and
 * which fields are hidden. Every command and API that shows customers goes through here.
 */
@Component
public class AccessPolicy {

	private static final Logger log = LoggerFactory.getLogger(AccessPolicy.class);

	private final Clock clock;

	private final org.springframework.data.mongodb.core.MongoTemplate mongo;

	AccessPolicy(Clock clock, org.springframework.data.mongodb.core.MongoTemplate mongo) {
		this.clock = clock;
		this.mongo = mongo;
	}

	/** A store criteria selecting the customers the actor may see. */
	public Criteria visibleTo(Actor actor) {
		Criteria c = switch (actor.role().visibility()) {
			case OWN -> Criteria.where("ownerId").is(actor.id());
			case DEPARTMENT -> Criteria.where("department").is(actor.user().department());
			case ALL -> new Criteria();
		};
		Instant since = windowStart(actor);
		if (since != null) {
			c = new Criteria().andOperator(c, new Criteria().orOperator(Criteria.where("createdAt").gte(since),
					Criteria.where("assignedAt").gte(since)));
		}
		return c;
	}

	public boolean canSee(Actor actor, Owned customer) {
		boolean scope = switch (actor.role().visibility()) {
			case OWN -> actor.id().equals(customer.ownerId());
			case DEPARTMENT -> actor.user().department().equals(customer.department());
			case ALL -> true;
		};
		Instant since = windowStart(actor);
		if (scope && since != null) {
			scope = (customer.createdAt() != null && !customer.createdAt().isBefore(since))
					|| (customer.assignedAt() != null && !customer.assignedAt().isBefore(since));
		}
		return scope;
	}

	public boolean canExport(Actor actor) {
		return actor.role().canExport();
	}

	public boolean isHidden(Actor actor, String field) {
		return actor.role().hiddenFields().contains(field);
	}

	/**
	 * Log and store a denial in chat (who, what, when) without customer details; admins
	 * list it with {@code /audit}.
	 */
	public void logDenied(Actor actor, String what) {
		logDenied(actor, what, "chat");
	}

	/**
	 * Log and store a denial (who, what, when, where) in the audit log
	 * ({@code audit_log}, the same records {@code /audit} lists).
	 */
	public void logDenied(Actor actor, String what, String channel) {
		log.info("access denied: user={} role={} action={}", actor.id(), actor.role().id(), what);
		String action = (what.length() > 120) ? what.substring(0, 120) : what;
		mongo.insert(new org.bson.Document("_id", new org.bson.types.ObjectId().toHexString())
			.append("at", java.util.Date.from(clock.instant()))
			.append("userId", actor.id())
			.append("role", actor.role().id())
			.append("action", action)
			.append("channel", channel)
			.append("allowed", false)
			.append("rows", 0L), AUDIT_COLLECTION);
	}

	/** The audit log's collection (also read by {@code /audit}). */
	public static final String AUDIT_COLLECTION = "audit_log";

	/**
	 * What visibility is decided on: a customer's owner, department and the times it was
	 * created and assigned (implemented by {@code customer.Customer}).
	 */
	public interface Owned {

		String ownerId();

		String department();

		Instant createdAt();

		Instant assignedAt();

	}

	private Instant windowStart(Actor actor) {
		Integer days = actor.role().recentDays();
		return (days != null) ? clock.instant().minus(Duration.ofDays(days)) : null;
	}

}
