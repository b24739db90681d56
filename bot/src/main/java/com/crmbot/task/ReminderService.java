package com.crmbot.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.config.WorkflowConfig;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.outbox.Outbox;
import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.customer.Customer;
import com.crmbot.notification.Notifier;
import com.crmbot.template.TemplateService;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Reminders: scheduled from tasks, dispatched when due. Each due reminder is claimed by a
 * conditional single-document update (per document, applied to a batch) that sets a lease
 * owner and expiry; the claimer enqueues it in the outbox under a key derived from the
 * reminder and its due time, then marks it SENT. An instance that dies between claim and
 * mark leaves a lease that expires; whoever re-claims it enqueues the same key again,
 * which the outbox ignores: delivered exactly once.
 */
@Service
public class ReminderService {

	private static final Logger log = LoggerFactory.getLogger(ReminderService.class);

	static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final MongoTemplate mongo;

	private final Clock clock;

	private final ConfigService config;

	private final Notifier notifier;

	private final Outbox outbox;

	private final SmsService sms;

	private final TemplateService templates;

	private final String instanceId = UUID.randomUUID().toString().substring(0, 8);

	private final AtomicLong batches = new AtomicLong();

	ReminderService(MongoTemplate mongo, Clock clock, ConfigService config, Notifier notifier, Outbox outbox,
			SmsService sms, TemplateService templates) {
		this.mongo = mongo;
		this.clock = clock;
		this.config = config;
		this.notifier = notifier;
		this.outbox = outbox;
		this.sms = sms;
		this.templates = templates;
		var ops = mongo.indexOps(Reminder.class);
		ops.createIndex(new Index().on("status", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC).named("due"));
		ops.createIndex(new Index().on("leaseOwner", Sort.Direction.ASC).named("lease_owner"));
		ops.createIndex(new Index().on("userId", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC).named("user_due"));
	}

	@EventListener
	void onTaskCreated(TaskService.TaskCreated e) {
		schedule(e.task());
	}

	@EventListener
	void onTaskCompleted(TaskService.TaskCompleted e) {
		Instant now = clock.instant();
		// delivered: acknowledged; not yet delivered: nothing left to remind
		mongo.updateFirst(Query.query(Criteria.where("_id").is(e.task().id()).and("status").is(Reminder.Status.SENT)),
				new Update().set("status", Reminder.Status.ACKED).set("ackAt", now), Reminder.class);
		mongo.updateFirst(
				Query.query(Criteria.where("_id").is(e.task().id()).and("status").is(Reminder.Status.PENDING)),
				new Update().set("status", Reminder.Status.CANCELLED).set("ackAt", now).set("leaseOwner", null),
				Reminder.class);
	}

	@EventListener
	void onTaskRescheduled(TaskService.TaskRescheduled e) {
		Instant now = clock.instant();
		Update u = new Update().set("dueAt", e.task().dueAt())
			.set("status", Reminder.Status.PENDING)
			.set("leaseOwner", null)
			.set("leaseUntil", Instant.EPOCH)
			.set("sentAt", null)
			.set("escalatedAt", null)
			.set("note", null)
			.set("ackAt", now);
		if (mongo.updateFirst(Query.query(Criteria.where("_id").is(e.task().id())), u, Reminder.class)
			.getMatchedCount() == 0) {
			schedule(e.task());
		}
	}

	/** Create the reminder of a task (idempotent: one per task). */
	public Reminder schedule(Task t) {
		if (t.dueAt() == null || t.status() != Task.Status.OPEN) {
			return null;
		}
		String customerName = null;
		if (t.customerId() != null) {
			Customer c = mongo.findById(t.customerId(), Customer.class);
			customerName = (c != null) ? c.name() : null;
		}
		Reminder r = new Reminder(t.id(), t.id(), t.ownerId(), t.title(), customerName, t.dueAt(),
				t.priority() == Task.Priority.URGENT, Reminder.Status.PENDING, null, Instant.EPOCH, null, null, null,
				null, clock.instant());
		try {
			return mongo.insert(r);
		}
		catch (DuplicateKeyException ex) {
			return mongo.findById(t.id(), Reminder.class);
		}
	}

	public Optional<Reminder> byId(String id) {
		return Optional.ofNullable(mongo.findById(id, Reminder.class));
	}

	/**
	 * Deliver every reminder due now, batch by batch. Safe to run on any number of
	 * instances at once. Returns how many this call claimed.
	 */
	public int dispatchDue() {
		WorkflowConfig.Reminders cfg = config.get().workflow().reminders();
		int total = 0;
		while (true) {
			Batch b = dispatchBatch(cfg.batchSize(), cfg.lease());
			if (b.found() == 0) {
				return total;
			}
			total += b.claimed();
		}
	}

	private static Criteria claimable(Instant now) {
		return Criteria.where("status").is(Reminder.Status.PENDING).and("dueAt").lte(now).and("leaseUntil").lt(now);
	}

	/**
	 * Claim about {@code size} due reminders for one batch (the lease), without sending:
	 * read candidate ids, then one update whose filter re-checks "due and not leased" per
	 * document over the candidates' id range (a range, not a long {@code $in}, so the
	 * embedded store checks each document in constant time), then read back what this
	 * batch got.
	 */
	List<Reminder> claim(int size, Duration lease) {
		Instant now = clock.instant();
		String batch = instanceId + "-" + batches.incrementAndGet();
		Query q = Query.query(claimable(now)).limit(size);
		q.fields().include("_id");
		List<ObjectId> ids = new ArrayList<>();
		for (Document d : mongo.find(q, Document.class, Reminder.COLLECTION)) {
			Object id = d.get("_id");
			ids.add((id instanceof ObjectId oid) ? oid : new ObjectId(id.toString()));
		}
		if (ids.isEmpty()) {
			return null;
		}
		ObjectId first = java.util.Collections.min(ids);
		ObjectId last = java.util.Collections.max(ids);
		// each document's update is atomic with its filter: of two racing instances, one
		// gets it
		mongo.updateMulti(
				Query.query(new Criteria().andOperator(Criteria.where("_id").gte(first).lte(last), claimable(now))),
				new Update().set("leaseOwner", batch).set("leaseUntil", now.plus(lease)), Reminder.class);
		return mongo.find(Query.query(Criteria.where("leaseOwner").is(batch).and("status").is(Reminder.Status.PENDING)),
				Reminder.class);
	}

	private Batch dispatchBatch(int size, Duration lease) {
		List<Reminder> claimed = claim(size, lease);
		if (claimed == null) {
			return new Batch(0, 0);
		}
		if (claimed.isEmpty()) {
			return new Batch(1, 0); // another instance was faster; look again
		}
		send(claimed);
		return new Batch(claimed.size(), claimed.size());
	}

	/**
	 * Enqueue claimed reminders in the outbox (one bulk insert of outbox entries keyed
	 * {@code reminder:<id>:<dueAt>}; keys already there are skipped, as
	 * {@link Outbox#enqueue} would), then mark them SENT, only while the claim is still
	 * ours.
	 */
	void send(List<Reminder> claimed) {
		AdminConfig cfg = config.get();
		Instant now = clock.instant();
		List<String> sent = new ArrayList<>();
		List<OutboxEntry> entries = new ArrayList<>();
		String lease = claimed.get(0).leaseOwner();
		// what may keep a reminder from its user, written per note in one update each
		Map<String, List<String>> notes = new java.util.LinkedHashMap<>();
		for (Reminder r : claimed) {
			try {
				Delivery d = deliver(cfg, r);
				if (d.entry() != null) {
					entries.add(d.entry());
				}
				if (d.note() != null) {
					notes.computeIfAbsent(d.note(), (k) -> new ArrayList<>()).add(r.id());
				}
				sent.add(r.id());
			}
			catch (RuntimeException ex) {
				// out of this batch, still leased: due again when the lease expires; the
				// others go on
				log.warn("reminder {}: not sent: {}", r.id(), ex.toString());
				mongo.updateFirst(Query.query(Criteria.where("_id").is(r.id()).and("leaseOwner").is(lease)),
						new Update().set("leaseOwner", lease + "-failed"), Reminder.class);
			}
		}
		outbox.enqueueAll(entries);
		notes.forEach((note, ids) -> mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)),
				new Update().set("note", note), Reminder.class));
		if (sent.isEmpty()) {
			return;
		}
		mongo.updateMulti(Query.query(Criteria.where("leaseOwner").is(lease).and("status").is(Reminder.Status.PENDING)),
				new Update().set("status", Reminder.Status.SENT).set("sentAt", now).set("leaseUntil", Instant.EPOCH),
				Reminder.class);
	}

	/**
	 * One reminder's outbox entry (and SMS); the note says what may keep it from its
	 * user.
	 */
	private Delivery deliver(AdminConfig cfg, Reminder r) {
		Optional<User> user = cfg.user(r.userId());
		if (user.isEmpty()) {
			log.warn("reminder {}: user {} is not configured", r.id(), r.userId());
			return new Delivery(null, "user '" + r.userId() + "' is not configured");
		}
		User u = user.get();
		String note = null;
		Recipient to = notifier.recipientFor(u);
		if (to.platform() == Platform.LOCAL && u.wecomUserId() == null && u.dingtalkStaffId() == null
				&& (outbox.canSend(Platform.WECOM) || outbox.canSend(Platform.DINGTALK))) {
			note = "no-platform-id";
		}
		Instant now = clock.instant();
		OutboxEntry entry = new OutboxEntry(r.outboxKey(), to, reminderReply(u, r), OutboxEntry.Status.PENDING, 0, now,
				now, null, null, null, null);
		if (r.urgent() && cfg.workflow().reminders().smsForUrgent()) {
			if (!sms.enabled()) {
				note = "no-sms-gateway";
			}
			else if (u.mobile() == null || u.mobile().isBlank()) {
				note = "no-mobile";
			}
			else {
				sms.queue("sms:" + r.id() + ":" + r.dueAt().toEpochMilli(), r.id(), u.id(), u.mobile(),
						templates.reply(u.localeOrDefault(), "reminder-sms",
								Map.of("title", r.title(), "customer", orDash(r.customerName()), "due",
										format(r.dueAt()), "task", TaskService.shortId(r.taskId()))));
			}
		}
		return new Delivery(entry, note);
	}

	private record Delivery(OutboxEntry entry, String note) {
	}

	Reply reminderReply(User u, Reminder r) {
		String locale = u.localeOrDefault();
		String text = templates.reply(locale, r.urgent() ? "reminder-urgent" : "reminder",
				Map.of("title", r.title(), "customer", orDash(r.customerName()), "due", format(r.dueAt()), "task",
						TaskService.shortId(r.taskId())));
		return Reply.text(text)
			.withButtons(List.of(
					new Reply.Button("task:done:" + r.taskId(), templates.reply(locale, "button-done", Map.of()),
							"/done " + r.taskId()),
					new Reply.Button("task:snooze:" + r.taskId(), templates.reply(locale, "button-snooze", Map.of()),
							"/snooze " + r.taskId() + " 1h")));
	}

	/**
	 * Urgent reminders delivered but not acknowledged within the configured time go to
	 * the department's supervisor (once: the outbox key makes a repeat a no-op).
	 */
	public int escalate() {
		AdminConfig cfg = config.get();
		Instant now = clock.instant();
		Instant cutoff = now.minus(cfg.workflow().reminders().escalateAfter());
		List<Reminder> due = mongo.find(
				Query
					.query(Criteria.where("urgent")
						.is(true)
						.and("status")
						.is(Reminder.Status.SENT)
						.and("escalatedAt")
						.is(null)
						.and("sentAt")
						.lte(cutoff))
					.limit(500),
				Reminder.class);
		int n = 0;
		for (Reminder r : due) {
			Optional<User> owner = cfg.user(r.userId());
			Optional<User> sup = owner.flatMap((o) -> cfg.department(o.department()))
				.map((d) -> d.supervisor())
				.flatMap(cfg::user);
			if (sup.isPresent() && !sup.get().id().equals(r.userId())) {
				User s = sup.get();
				String text = templates.reply(s.localeOrDefault(), "reminder-escalated",
						Map.of("owner", owner.map(User::name).orElse(r.userId()), "title", r.title(), "customer",
								orDash(r.customerName()), "due", format(r.dueAt()), "minutes",
								cfg.workflow().reminders().escalateAfterMinutes()));
				notifier.notify(s, Reply.text(text), "escalation:" + r.id() + ":" + r.dueAt().toEpochMilli());
				n++;
			}
			mongo.updateFirst(Query.query(Criteria.where("_id")
				.is(r.id())
				.and("status")
				.is(Reminder.Status.SENT)
				.and("dueAt")
				.is(r.dueAt())
				.and("escalatedAt")
				.is(null)), new Update().set("escalatedAt", now), Reminder.class);
		}
		return n;
	}

	/** Reminders of these users due since {@code since}, newest first. */
	public List<Reminder> recentFor(List<String> userIds, Instant since, int limit) {
		return mongo.find(Query.query(Criteria.where("userId").in(userIds).and("dueAt").gte(since).lte(clock.instant()))
			.with(Sort.by(Sort.Direction.DESC, "dueAt"))
			.limit(limit), Reminder.class);
	}

	String format(Instant t) {
		ZoneId zone = config.get().workflow().zone();
		return WHEN.format(t.atZone(zone));
	}

	private static String orDash(String s) {
		return (s != null) ? s : "—";
	}

	private record Batch(int found, int claimed) {
	}

}
