package com.crmbot.customer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.config.OrgConfig.User;
import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Changes to a customer as a whole: correcting fields, soft delete and restore, handing
 * over to another rep. Each is recorded in the {@link ChangeLog} so that its author can
 * {@code /undo} it.
 *
 * <p>
 * A deleted customer moves to the {@value #TRASH} collection as it was, so every query
 * over customers (find, list, reports, exports) no longer sees it and its phone and
 * company are free; restoring moves it back unless another customer took them meanwhile.
 */
@Service
public class CustomerLifecycle {

	/** Where deleted customers wait to be restored. */
	public static final String TRASH = "customers_deleted";

	private final MongoTemplate mongo;

	private final ChangeLog changes;

	private final AccessPolicy access;

	private final Clock clock;

	CustomerLifecycle(MongoTemplate mongo, ChangeLog changes, AccessPolicy access, Clock clock) {
		this.mongo = mongo;
		this.changes = changes;
		this.access = access;
		this.clock = clock;
	}

	/**
	 * Overwrite customer fields (store field name → new value, null removes), recording
	 * the old values in the given change group.
	 */
	public Customer setFields(String group, Actor actor, Customer c, Map<String, Object> values) {
		Document raw = mongo.findById(c.id(), Document.class, Customer.COLLECTION);
		Map<String, Object> before = new HashMap<>();
		Update u = new Update();
		values.forEach((field, value) -> {
			before.put(field, (raw != null) ? raw.get(field) : null);
			if (value == null) {
				u.unset(field);
			}
			else {
				u.set(field, value);
			}
		});
		u.inc("version", 1);
		Customer updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(c.id())), u,
				org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true), Customer.class);
		changes.record(group, actor.id(), ChangeLog.Kind.FIX, Customer.COLLECTION, c.id(), before, c.name());
		return updated;
	}

	/** Move a customer to the trash. */
	public void delete(Actor actor, Customer c) {
		Document raw = mongo.findById(c.id(), Document.class, Customer.COLLECTION);
		if (raw == null) {
			return;
		}
		raw.put("deletedBy", actor.id());
		raw.put("deletedAt", java.util.Date.from(clock.instant()));
		mongo.save(raw, TRASH);
		mongo.remove(Query.query(Criteria.where("_id").is(c.id())), Customer.COLLECTION);
		changes.record(changes.newGroup(), actor.id(), ChangeLog.Kind.DELETE, Customer.COLLECTION, c.id(), Map.of(),
				c.name());
	}

	/** Deleted customers the actor deleted or may see, newest deletion first. */
	public List<Customer> deleted(Actor actor, String ref) {
		List<Customer> out = new ArrayList<>();
		for (Document d : mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "deletedAt")).limit(1000),
				Document.class, TRASH)) {
			Customer c = mongo.getConverter().read(Customer.class, d);
			boolean mine = actor.id().equals(d.getString("deletedBy"));
			if ((mine || access.canSee(actor, c)) && (ref == null || ref.isBlank() || matches(ref, c))) {
				out.add(c);
			}
		}
		return out;
	}

	private static boolean matches(String ref, Customer c) {
		String r = ref.strip();
		return c.name().contains(r) || c.id().endsWith(r.replace("#", "")) || FuzzyNames.score(r, c) >= 0.6;
	}

	/**
	 * Move a deleted customer back. Empty when another customer now has its phone or
	 * company (the answer names that one).
	 */
	public Optional<Customer> restore(String customerId) {
		Document raw = mongo.findById(customerId, Document.class, TRASH);
		if (raw == null) {
			return Optional.empty();
		}
		raw.remove("deletedBy");
		raw.remove("deletedAt");
		try {
			mongo.insert(raw, Customer.COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
		mongo.remove(Query.query(Criteria.where("_id").is(customerId)), TRASH);
		return Optional.ofNullable(mongo.findById(customerId, Customer.class));
	}

	/** Whether a customer id is in the trash. */
	public boolean isDeleted(String customerId) {
		return mongo.exists(Query.query(Criteria.where("_id").is(customerId)), TRASH);
	}

	/**
	 * Hand customers to another user (owner, department, assignment time), recorded as
	 * one change.
	 */
	public void transfer(Actor actor, List<Customer> list, User to) {
		String group = changes.newGroup();
		for (Customer c : list) {
			Map<String, Object> before = new LinkedHashMap<>();
			before.put("ownerId", c.ownerId());
			before.put("department", c.department());
			before.put("assignedAt", (c.assignedAt() != null) ? java.util.Date.from(c.assignedAt()) : null);
			mongo.updateFirst(Query.query(Criteria.where("_id").is(c.id())),
					new Update().set("ownerId", to.id())
						.set("department", to.department())
						.set("assignedAt", clock.instant())
						.inc("version", 1),
					Customer.class);
			changes.record(group, actor.id(), ChangeLog.Kind.TRANSFER, Customer.COLLECTION, c.id(), before, c.name());
		}
	}

	/** All customers a user owns (bounded). */
	public List<Customer> ownedBy(String userId) {
		return mongo.find(Query.query(Criteria.where("ownerId").is(userId)).limit(10_000), Customer.class);
	}

}
