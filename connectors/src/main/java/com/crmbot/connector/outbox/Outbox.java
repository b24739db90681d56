package com.crmbot.connector.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.crmbot.connector.Connector;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The durable outbox every outbound message goes through. A message is stored first
 * (idempotent by key), then delivered by worker threads that claim it with a
 * single-document update and a lease, so that a crash or a second instance neither loses
 * nor duplicates it. Transient failures are retried with exponential backoff; rate limits
 * defer without counting as failures; final failures are kept with their reason.
 */
public class Outbox extends PolledQueue {

	private static final Logger log = LoggerFactory.getLogger(Outbox.class);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final OutboxProperties props;

	private final Map<Platform, Connector> connectors = new EnumMap<>(Platform.class);

	private final String instanceId = UUID.randomUUID().toString();

	private final java.util.concurrent.atomic.AtomicLong claims = new java.util.concurrent.atomic.AtomicLong();

	/**
	 * Keys this instance queued and has not yet tried: claimed by id (cheap on any store)
	 * before falling back to scanning for due messages (retries, other instances' work,
	 * leases of crashed senders).
	 */
	private final java.util.concurrent.ConcurrentLinkedQueue<String> fresh = new java.util.concurrent.ConcurrentLinkedQueue<>();

	public Outbox(MongoTemplate mongo, Clock clock, OutboxProperties props, Collection<Connector> connectors) {
		super("outbox", props.workers(), props.pollInterval(), props.background());
		this.mongo = mongo;
		this.clock = clock;
		this.props = props;
		for (Connector c : connectors) {
			if (this.connectors.putIfAbsent(c.platform(), c) != null) {
				throw new IllegalStateException("Two connectors for platform " + c.platform());
			}
		}
		var ops = mongo.indexOps(OutboxEntry.class);
		ops.createIndex(new Index().on("status", Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC));
		// trivially unique (they contain _id), these let the embedded server, which uses
		// an index only
		// when a query names exactly its keys, claim and record by id without scanning
		// the collection
		ops.createIndex(
				new Index().on("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC).unique().named("id_status"));
		ops.createIndex(
				new Index().on("_id", Sort.Direction.ASC).on("owner", Sort.Direction.ASC).unique().named("id_owner"));
	}

	/**
	 * Queue a message. Returns false if a message with this key was already queued (it is
	 * then not queued again).
	 */
	public boolean enqueue(String key, Recipient to, Reply reply) {
		Instant now = clock.instant();
		OutboxEntry entry = new OutboxEntry(key, to, reply, OutboxEntry.Status.PENDING, 0, now, now, null, null, null,
				null);
		try {
			mongo.insert(entry);
		}
		catch (DuplicateKeyException ex) {
			log.debug("outbox: {} already queued", key);
			return false;
		}
		log.info("outbox: queued {} to {}", key, to.key());
		fresh.add(key);
		wake();
		return true;
	}

	/**
	 * Queue many messages in one bulk write (e.g. a batch of due reminders). Keys already
	 * queued are skipped, exactly as {@link #enqueue} would. Returns how many were new.
	 */
	public int enqueueAll(List<OutboxEntry> entries) {
		if (entries.isEmpty()) {
			return 0;
		}
		int inserted = entries.size();
		try {
			mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, OutboxEntry.class)
				.insert(entries)
				.execute();
		}
		catch (org.springframework.data.mongodb.BulkOperationException ex) {
			boolean onlyDuplicates = ex.getErrors().stream().allMatch((e) -> e.getCode() == 11000);
			if (!onlyDuplicates) {
				throw ex;
			}
			inserted -= ex.getErrors().size();
		}
		catch (DuplicateKeyException ex) {
			inserted = 0;
		}
		entries.forEach((e) -> fresh.add(e.id()));
		log.info("outbox: queued {} of {} messages in bulk", inserted, entries.size());
		wake();
		return inserted;
	}

	/** Whether the platform has an enabled connector. */
	public boolean canSend(Platform platform) {
		Connector c = connectors.get(platform);
		return c != null && c.enabled();
	}

	public Optional<OutboxEntry> find(String key) {
		return Optional.ofNullable(mongo.findById(key, OutboxEntry.class));
	}

	/** The most recent messages that finally failed, newest first (for admins). */
	public List<OutboxEntry> failures(int limit) {
		Query q = Query.query(Criteria.where("status").is(OutboxEntry.Status.FAILED))
			.with(Sort.by(Sort.Direction.DESC, "createdAt"))
			.limit(limit);
		return mongo.find(q, OutboxEntry.class);
	}

	public long count(OutboxEntry.Status status) {
		return mongo.count(Query.query(Criteria.where("status").is(status)), OutboxEntry.class);
	}

	/** A token naming this instance and one claim. */
	private String claimToken() {
		return instanceId + ":" + claims.incrementAndGet();
	}

	/** Claim one due message, atomically, or empty when none is due. */
	Optional<OutboxEntry> claim() {
		Instant now = clock.instant();
		String key;
		while ((key = fresh.poll()) != null) {
			// a fresh key has never been tried, so it is due; PENDING means nobody has
			// claimed it
			OutboxEntry e = mongo.findAndModify(
					Query.query(Criteria.where("_id").is(key).and("status").is(OutboxEntry.Status.PENDING)),
					new Update().set("status", OutboxEntry.Status.SENDING)
						.set("leaseUntil", now.plus(props.lease()))
						.set("owner", claimToken()),
					FindAndModifyOptions.options().returnNew(true), OutboxEntry.class);
			if (e != null) {
				return Optional.of(e);
			}
		}
		Query q = Query
			.query(new Criteria().orOperator(
					Criteria.where("status").is(OutboxEntry.Status.PENDING).and("nextAttemptAt").lte(now),
					Criteria.where("status").is(OutboxEntry.Status.SENDING).and("leaseUntil").lt(now)))
			.with(Sort.by("nextAttemptAt"));
		Update u = new Update().set("status", OutboxEntry.Status.SENDING)
			.set("leaseUntil", now.plus(props.lease()))
			.set("owner", claimToken());
		return Optional
			.ofNullable(mongo.findAndModify(q, u, FindAndModifyOptions.options().returnNew(true), OutboxEntry.class));
	}

	/**
	 * Deliver at most one due message. Returns whether one was found. Public so that
	 * tests (and a manual "flush") can drive the outbox without background threads.
	 */
	@Override
	public boolean processOne() {
		Optional<OutboxEntry> claimed = claim();
		if (claimed.isEmpty()) {
			return false;
		}
		deliver(claimed.get());
		return true;
	}

	/** Deliver everything due now (synchronously); returns how many were processed. */
	public int drain() {
		int n = 0;
		while (processOne()) {
			n++;
		}
		return n;
	}

	/** Claim further due messages to the same recipient, for a batched delivery. */
	private List<OutboxEntry> claimMoreFor(Recipient to, int max) {
		List<OutboxEntry> more = new java.util.ArrayList<>();
		Instant now = clock.instant();
		while (more.size() < max) {
			Query q = Query
				.query(Criteria.where("status")
					.is(OutboxEntry.Status.PENDING)
					.and("nextAttemptAt")
					.lte(now)
					.and("recipient")
					.is(to))
				.with(Sort.by("nextAttemptAt"));
			Update u = new Update().set("status", OutboxEntry.Status.SENDING)
				.set("leaseUntil", now.plus(props.lease()))
				.set("owner", claimToken());
			OutboxEntry e = mongo.findAndModify(q, u, FindAndModifyOptions.options().returnNew(true),
					OutboxEntry.class);
			if (e == null) {
				break;
			}
			more.add(e);
		}
		return more;
	}

	private void deliver(OutboxEntry first) {
		Connector c = connectors.get(first.recipient().platform());
		List<OutboxEntry> batch = new java.util.ArrayList<>(List.of(first));
		SendResult result;
		if (c == null || !c.enabled()) {
			result = SendResult.failed("platform " + first.recipient().platform().id() + " is not configured");
		}
		else {
			try {
				int max = c.maxBatch(first.recipient());
				if (max > 1) {
					batch.addAll(claimMoreFor(first.recipient(), max - 1));
				}
				result = (batch.size() == 1) ? c.send(first.recipient(), first.reply(), first.id())
						: c.sendBatch(first.recipient(), batch.stream().map(OutboxEntry::reply).toList(), first.id());
			}
			catch (RuntimeException ex) {
				log.warn("outbox: connector {} threw for {}: {}", c.platform(), first.id(), ex.toString());
				result = SendResult.retry(ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
		}
		for (OutboxEntry e : batch) {
			record(e, result);
		}
	}

	private void record(OutboxEntry e, SendResult result) {
		Instant now = clock.instant();
		// the claim token changes with every claim: only the current claimant records the
		// outcome
		Query mine = Query.query(Criteria.where("_id").is(e.id()).and("owner").is(e.owner()));
		Update u = new Update().unset("leaseUntil");
		switch (result.status()) {
			case SENT -> {
				u.set("status", OutboxEntry.Status.SENT).set("sentAt", now);
				if (result.reason() != null) {
					u.set("lastError", result.reason());
				}
				log.info("outbox: sent {} to {}", e.id(), e.recipient().key());
			}
			case DEFERRED -> {
				Duration wait = (result.retryAfter() != null) ? result.retryAfter() : props.pollInterval();
				u.set("status", OutboxEntry.Status.PENDING)
					.set("nextAttemptAt", now.plus(wait))
					.set("lastError", result.reason());
			}
			case RETRY -> {
				int attempts = e.attempts() + 1;
				if (attempts >= props.maxAttempts()) {
					u.set("status", OutboxEntry.Status.FAILED)
						.set("attempts", attempts)
						.set("lastError", result.reason());
					log.warn("outbox: giving up on {} after {} attempts: {}", e.id(), attempts, result.reason());
				}
				else {
					Duration wait = (result.retryAfter() != null) ? result.retryAfter() : props.backoff(attempts);
					u.set("status", OutboxEntry.Status.PENDING)
						.set("attempts", attempts)
						.set("nextAttemptAt", now.plus(wait))
						.set("lastError", result.reason());
					if (result.narrowedTo() != null) {
						// the others got it: only these are retried
						u.set("recipient",
								new Recipient(e.recipient().platform(), e.recipient().kind(), result.narrowedTo()));
					}
					log.info("outbox: retry {} in {} ({})", e.id(), wait, result.reason());
				}
			}
			case FAILED -> {
				u.set("status", OutboxEntry.Status.FAILED)
					.set("attempts", e.attempts() + 1)
					.set("lastError", result.reason());
				log.warn("outbox: {} failed: {}", e.id(), result.reason());
			}
		}
		mongo.updateFirst(mine, u, OutboxEntry.class);
	}

}
