package com.crmbot.task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Tasks in the store. Creation is idempotent by {@link Task#sourceKey()}. */
@Service
public class TaskService {

	private final MongoTemplate mongo;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	TaskService(MongoTemplate mongo, Clock clock, ApplicationEventPublisher events) {
		this.mongo = mongo;
		this.clock = clock;
		this.events = events;
		var ops = mongo.indexOps(Task.class);
		ops.createIndex(new Index().on("sourceKey", Sort.Direction.ASC).unique().sparse().named("uniq_source"));
		ops.createIndex(new Index().on("ownerId", Sort.Direction.ASC)
			.on("status", Sort.Direction.ASC)
			.on("dueAt", Sort.Direction.ASC)
			.named("owner_status_due"));
	}

	/**
	 * Create a task; when {@code sourceKey} is set and a task with it exists, that one is
	 * returned instead (nothing is created twice).
	 */
	public Task create(NewTask n) {
		if (n.sourceKey() != null) {
			Task existing = mongo.findOne(Query.query(Criteria.where("sourceKey").is(n.sourceKey())), Task.class);
			if (existing != null) {
				return existing;
			}
		}
		Task t = new Task(new ObjectId().toHexString(), n.customerId(), n.ownerId(), n.title(), n.dueAt(),
				(n.priority() != null) ? n.priority() : Task.Priority.NORMAL, Task.Status.OPEN, n.createdBy(),
				clock.instant(), n.source(), n.sourceKey());
		try {
			Task saved = mongo.insert(t);
			events.publishEvent(new TaskCreated(saved));
			return saved;
		}
		catch (DuplicateKeyException ex) {
			return mongo.findOne(Query.query(Criteria.where("sourceKey").is(n.sourceKey())), Task.class);
		}
	}

	public Optional<Task> bySourceKey(String sourceKey) {
		return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("sourceKey").is(sourceKey)), Task.class));
	}

	public Optional<Task> byId(String id) {
		return Optional.ofNullable(mongo.findById(id, Task.class));
	}

	/** A user's open tasks, earliest due first. */
	public List<Task> openFor(String ownerId) {
		return mongo.find(Query.query(Criteria.where("ownerId").is(ownerId).and("status").is(Task.Status.OPEN))
			.with(Sort.by("dueAt")), Task.class);
	}

	/** The short reference shown to people: the last 6 characters of the id. */
	public static String shortId(String id) {
		if (id == null) {
			return "—";
		}
		return (id.length() > 6) ? id.substring(id.length() - 6) : id;
	}

	/**
	 * A user's tasks a reference names: the full id or its last characters (at least 4),
	 * open ones first.
	 */
	public List<Task> matching(String ownerId, String ref) {
		String r = ref.strip().toLowerCase(java.util.Locale.ROOT);
		if (!r.matches("[0-9a-f]{4,24}")) {
			return List.of();
		}
		// ids may be stored as ObjectIds, so match the suffix here rather than by regex
		// in the store
		return mongo
			.find(Query.query(Criteria.where("ownerId").is(ownerId))
				.with(Sort.by(Sort.Direction.DESC, "createdAt"))
				.limit(1000), Task.class)
			.stream()
			.filter((t) -> t.id().toLowerCase(java.util.Locale.ROOT).endsWith(r))
			.sorted(java.util.Comparator.comparing((Task t) -> t.status() != Task.Status.OPEN))
			.toList();
	}

	/**
	 * Mark an open task done; false when it was not open (already done, cancelled) so
	 * that two clicks have one outcome.
	 */
	public boolean complete(Task t) {
		boolean done = mongo
			.updateFirst(Query.query(Criteria.where("_id").is(t.id()).and("status").is(Task.Status.OPEN)),
					new org.springframework.data.mongodb.core.query.Update().set("status", Task.Status.DONE),
					Task.class)
			.getModifiedCount() == 1;
		if (done) {
			events.publishEvent(new TaskCompleted(t));
		}
		return done;
	}

	/** Move an open task (and its reminder) to a new time; false when it is not open. */
	public boolean reschedule(Task t, Instant dueAt) {
		boolean moved = mongo
			.updateFirst(Query.query(Criteria.where("_id").is(t.id()).and("status").is(Task.Status.OPEN)),
					new org.springframework.data.mongodb.core.query.Update().set("dueAt", dueAt), Task.class)
			.getMatchedCount() == 1;
		if (moved) {
			events.publishEvent(new TaskRescheduled(new Task(t.id(), t.customerId(), t.ownerId(), t.title(), dueAt,
					t.priority(), t.status(), t.createdBy(), t.createdAt(), t.source(), t.sourceKey())));
		}
		return moved;
	}

	/**
	 * What a new task needs.
	 *
	 * @param sourceKey idempotency key (null: none)
	 */
	public record NewTask(String customerId, String ownerId, String title, java.time.Instant dueAt,
			Task.Priority priority, String createdBy, String source, String sourceKey) {
	}

	/** Published after a task was created (reminders are scheduled from it). */
	public record TaskCreated(Task task) {
	}

	/** Published after a task was marked done (its reminder is acknowledged). */
	public record TaskCompleted(Task task) {
	}

	/** Published after a task's due time moved (its reminder moves with it). */
	public record TaskRescheduled(Task task) {
	}

}
