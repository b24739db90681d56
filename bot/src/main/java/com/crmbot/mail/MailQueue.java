package com.crmbot.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.connector.outbox.PolledQueue;
import com.crmbot.notification.Notifier;
import com.crmbot.template.TemplateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The durable mail queue, built like the chat outbox: a mail is stored first (idempotent
 * by key), then sender threads claim it with a single-document update and a lease, so a
 * crash or a second instance neither loses nor duplicates it. Sending is throttled to
 * {@code crmbot.mail.rate-per-minute} across all instances (a per-minute counter in the
 * store); temporary SMTP failures are retried with backoff; permanent failures are kept
 * with their reason (and the rep who asked is told). An address that opted out meanwhile
 * is skipped.
 */
@Service
public class MailQueue extends PolledQueue {

	private static final Logger log = LoggerFactory.getLogger(MailQueue.class);

	private final MongoTemplate mongo;

	private final MailTransport transport;

	private final MailProperties props;

	private final OptOuts optOuts;

	private final Clock clock;

	private final Notifier notifier;

	private final ConfigService config;

	private final TemplateService templates;

	private final String instanceId = UUID.randomUUID().toString();

	private final AtomicLong claims = new AtomicLong();

	private final ConcurrentLinkedQueue<String> fresh = new ConcurrentLinkedQueue<>();

	MailQueue(MongoTemplate mongo, MailTransport transport, MailProperties props, OptOuts optOuts, Clock clock,
			Notifier notifier, ConfigService config, TemplateService templates) {
		super("mail", props.workers(), props.pollInterval(), props.background());
		this.mongo = mongo;
		this.transport = transport;
		this.props = props;
		this.optOuts = optOuts;
		this.clock = clock;
		this.notifier = notifier;
		this.config = config;
		this.templates = templates;
		var ops = mongo.indexOps(MailMessage.class);
		ops.createIndex(new Index().on("status", Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC));
		ops.createIndex(new Index().on("campaign", Sort.Direction.ASC).named("campaign"));
		ops.createIndex(
				new Index().on("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC).unique().named("id_status"));
		ops.createIndex(
				new Index().on("_id", Sort.Direction.ASC).on("owner", Sort.Direction.ASC).unique().named("id_owner"));
	}

	public boolean configured() {
		return transport.configured();
	}

	/** Queue a mail; false when one with this key was already queued. */
	public boolean enqueue(MailMessage m) {
		try {
			mongo.insert(m);
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
		fresh.add(m.id());
		wake();
		return true;
	}

	/**
	 * Queue many in one bulk write; keys already queued are skipped. Returns how many
	 * were new.
	 */
	public int enqueueAll(List<MailMessage> batch) {
		if (batch.isEmpty()) {
			return 0;
		}
		int inserted = batch.size();
		try {
			mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, MailMessage.class).insert(batch).execute();
		}
		catch (org.springframework.data.mongodb.BulkOperationException ex) {
			if (!ex.getErrors().stream().allMatch((e) -> e.getCode() == 11000)) {
				throw ex;
			}
			inserted -= ex.getErrors().size();
		}
		catch (DuplicateKeyException ex) {
			inserted = 0;
		}
		batch.forEach((m) -> fresh.add(m.id()));
		wake();
		return inserted;
	}

	public Optional<MailMessage> find(String id) {
		return Optional.ofNullable(mongo.findById(id, MailMessage.class));
	}

	/** The mails of a campaign month. */
	public List<MailMessage> ofCampaign(String month) {
		Query q = Query.query(Criteria.where("campaign").is(month));
		q.fields().exclude("html").exclude("text");
		return mongo.find(q, MailMessage.class);
	}

	/** How many mails of a campaign are not finished (pending or being sent). */
	public long unfinished(String month) {
		return mongo.count(Query.query(Criteria.where("campaign")
			.is(month)
			.and("status")
			.in(MailMessage.Status.PENDING, MailMessage.Status.SENDING)), MailMessage.class);
	}

	private String claimToken() {
		return instanceId + ":" + claims.incrementAndGet();
	}

	Optional<MailMessage> claim() {
		Instant now = clock.instant();
		Update take = new Update().set("status", MailMessage.Status.SENDING)
			.set("leaseUntil", now.plus(props.lease()))
			.set("owner", claimToken());
		String key;
		while ((key = fresh.poll()) != null) {
			// a fresh key has never been tried, so it is due: the query names exactly the
			// keys of the id_status index, which the embedded store then uses
			MailMessage m = mongo.findAndModify(
					Query.query(Criteria.where("_id").is(key).and("status").is(MailMessage.Status.PENDING)), take,
					FindAndModifyOptions.options().returnNew(true), MailMessage.class);
			if (m != null) {
				return Optional.of(m);
			}
		}
		take = new Update().set("status", MailMessage.Status.SENDING)
			.set("leaseUntil", now.plus(props.lease()))
			.set("owner", claimToken());
		Query due = Query
			.query(new Criteria().orOperator(
					Criteria.where("status").is(MailMessage.Status.PENDING).and("nextAttemptAt").lte(now),
					Criteria.where("status").is(MailMessage.Status.SENDING).and("leaseUntil").lt(now)))
			.with(Sort.by("nextAttemptAt"));
		return Optional.ofNullable(
				mongo.findAndModify(due, take, FindAndModifyOptions.options().returnNew(true), MailMessage.class));
	}

	/**
	 * One send permit of the current minute, shared by every instance; false when this
	 * minute's budget is spent.
	 */
	boolean permit() {
		String minute = clock.instant().truncatedTo(ChronoUnit.MINUTES).toString();
		for (int i = 0; i < 3; i++) {
			try {
				Rate r = mongo.findAndModify(Query.query(Criteria.where("_id").is(minute)), new Update().inc("n", 1),
						FindAndModifyOptions.options().upsert(true).returnNew(true), Rate.class);
				return r != null && r.n() <= props.ratePerMinute();
			}
			catch (DuplicateKeyException ex) {
				// two instances created the minute's counter at once: try again
			}
		}
		return false;
	}

	/**
	 * Send at most one due mail. Returns false when none was due or the minute's budget
	 * is spent (the claimed mail is then put back for the next minute).
	 */
	@Override
	public boolean processOne() {
		Optional<MailMessage> claimed = claim();
		if (claimed.isEmpty()) {
			return false;
		}
		MailMessage m = claimed.get();
		if (optOuts.isOptedOut(m.to())) {
			finish(m, new Update().set("status", MailMessage.Status.SKIPPED).set("lastError", "opted-out"));
			return true;
		}
		if (!permit()) {
			Instant nextMinute = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
			finish(m, new Update().set("status", MailMessage.Status.PENDING).set("nextAttemptAt", nextMinute));
			return false;
		}
		MailTransport.Outcome o = transport.send(m);
		Instant now = clock.instant();
		switch (o.result()) {
			case SENT -> finish(m, new Update().set("status", MailMessage.Status.SENT).set("sentAt", now));
			case PERMANENT -> {
				finish(m,
						new Update().set("status", MailMessage.Status.FAILED)
							.set("attempts", m.attempts() + 1)
							.set("lastError", o.reason()));
				reportFailure(m, o.reason());
			}
			case TEMPORARY -> {
				int attempts = m.attempts() + 1;
				if (attempts >= props.maxAttempts()) {
					finish(m,
							new Update().set("status", MailMessage.Status.FAILED)
								.set("attempts", attempts)
								.set("lastError", o.reason()));
					reportFailure(m, o.reason());
				}
				else {
					finish(m,
							new Update().set("status", MailMessage.Status.PENDING)
								.set("attempts", attempts)
								.set("nextAttemptAt", now.plus(props.backoff(attempts)))
								.set("lastError", o.reason()));
					log.info("mail: retry {} later ({})", m.id(), o.reason());
				}
			}
		}
		return true;
	}

	/** Send everything due now (tests, benchmarks); returns how many were processed. */
	public int drain() {
		int n = 0;
		while (processOne()) {
			n++;
		}
		return n;
	}

	private void finish(MailMessage m, Update u) {
		// only the current claimant records the outcome (a stale sender whose lease
		// expired does not)
		mongo.updateFirst(Query.query(Criteria.where("_id").is(m.id()).and("owner").is(m.owner())),
				u.unset("leaseUntil"), MailMessage.class);
	}

	/**
	 * A rep's own mail that finally failed: tell the rep (campaign failures go into the
	 * summary).
	 */
	private void reportFailure(MailMessage m, String reason) {
		log.warn("mail: {} to {} failed: {}", m.id(), m.to(), reason);
		if (m.kind() != MailMessage.Kind.MANUAL || m.requestedBy() == null) {
			return;
		}
		config.get()
			.user(m.requestedBy())
			.ifPresent(
					(u) -> notifier.notify(u,
							Reply.text(templates.reply(u.localeOrDefault(), "mail-failed",
									Map.of("to", m.to(), "subject", m.subject(), "reason", reason))),
							"mail-failed:" + m.id()));
	}

	@Override
	protected boolean startable() {
		return props.configured();
	}

	/** Sends counted in one minute (all instances). */
	@Document("mail_rate")
	record Rate(@Id String id, long n) {
	}

}
