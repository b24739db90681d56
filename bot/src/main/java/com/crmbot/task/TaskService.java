package com.crmbot.task;

import java.time.Clock;
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
		ops.createIndex(new Index().on("ownerId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
			.on("dueAt", Sort.Direction.ASC).named("owner_status_due"));
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

	public Optional<Task> byId(String id) {
		return Optional.ofNullable(mongo.findById(id, Task.class));
	}

	/** A user's open tasks, earliest due first. */
	public List<Task> openFor(String ownerId) {
		return mongo.find(Query.query(Criteria.where("ownerId").is(ownerId).and("status").is(Task.Status.OPEN))
			.with(Sort.by("dueAt")), Task.class);
	}

	/**
	 * What a new task needs.
	 * @param sourceKey idempotency key (null: none)
	 */
	public record NewTask(String customerId, String ownerId, String title, java.time.Instant dueAt,
			Task.Priority priority, String createdBy, String source, String sourceKey) {
	}

	/** Published after a task was created (reminders are scheduled from it). */
	public record TaskCreated(Task task) {
	}

}
