package com.crmbot.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.types.ObjectId;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * What a user changed, with the values before, so that {@code /undo} can take back their
 * own last change (a group of records written by one command) within
 * {@link UndoProperties#window()}.
 */
@Service
@EnableConfigurationProperties(UndoProperties.class)
public class ChangeLog {

	private final MongoTemplate mongo;

	private final Clock clock;

	private final UndoProperties properties;

	ChangeLog(MongoTemplate mongo, Clock clock, UndoProperties properties) {
		this.mongo = mongo;
		this.clock = clock;
		this.properties = properties;
		mongo.indexOps(Change.class)
			.createIndex(new Index().on("userId", Sort.Direction.ASC).on("at", Sort.Direction.DESC).named("user_time"));
	}

	/** A new group id: every record of one command shares it. */
	public String newGroup() {
		return new ObjectId().toHexString();
	}

	/**
	 * Record the fields of one stored document before a change.
	 * @param before field → old value (null: the field was absent)
	 */
	public void record(String group, String userId, Kind kind, String collection, String docId,
			Map<String, Object> before, String summary) {
		mongo.insert(new Change(new ObjectId().toHexString(), group, userId, clock.instant(), kind, collection, docId,
				new HashMap<>(before), summary, false));
	}

	/** The user's last change that was not undone yet (all records of its group). */
	public List<Change> lastGroup(String userId) {
		Change last = mongo.findOne(Query.query(Criteria.where("userId").is(userId).and("undone").is(false))
			.with(Sort.by(Sort.Direction.DESC, "at", "_id"))
			.limit(1), Change.class);
		if (last == null) {
			return List.of();
		}
		return mongo.find(Query.query(Criteria.where("group").is(last.group())), Change.class);
	}

	/** Whether a change is still within the undo window. */
	public boolean withinWindow(Change c) {
		return !c.at().plus(properties.window()).isBefore(clock.instant());
	}

	public java.time.Duration window() {
		return properties.window();
	}

	/** Put the recorded fields back on their document (absent ones removed). */
	public void restoreFields(Change c) {
		Update u = new Update();
		c.before().forEach((field, value) -> {
			if (value == null) {
				u.unset(field);
			}
			else {
				u.set(field, value);
			}
		});
		if (Customer.COLLECTION.equals(c.collection())) {
			u.inc("version", 1);
		}
		mongo.updateFirst(Query.query(Criteria.where("_id").is(c.docId())), u, c.collection());
	}

	/** Mark a group undone (once: false when another /undo got there first). */
	public boolean markUndone(String group) {
		return mongo
			.updateMulti(Query.query(Criteria.where("group").is(group).and("undone").is(false)),
					new Update().set("undone", true), Change.class)
			.getModifiedCount() > 0;
	}

	public Optional<Change> byId(String id) {
		return Optional.ofNullable(mongo.findById(id, Change.class));
	}

	/** What kind of change. */
	public enum Kind {

		FIX, DELETE, TRANSFER, PRIORITY

	}

	/**
	 * One document's fields before a change.
	 *
	 * @param id record id
	 * @param group the command's group of records
	 * @param userId who changed it
	 * @param at when
	 * @param kind what kind of change
	 * @param collection the store collection
	 * @param docId the document
	 * @param before field → value before the change
	 * @param summary what the user sees about it (e.g. the customer's name)
	 * @param undone whether it was undone
	 */
	@Document("changes")
	public record Change(@Id String id, String group, String userId, Instant at, Kind kind, String collection,
			String docId, Map<String, Object> before, String summary, boolean undone) {
	}

}
