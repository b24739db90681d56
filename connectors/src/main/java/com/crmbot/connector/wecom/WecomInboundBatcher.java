package com.crmbot.connector.wecom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.crmbot.connector.InboundLedger;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.outbox.Outbox;
import com.crmbot.connector.outbox.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes recorded callbacks off the request thread, in batches. The callback thread
 * only records (one durable insert that also claims the message) and {@link #submit
 * submits}; up to {@code workers} drain tasks on the inbound executor take whatever has
 * queued up (at most {@code maxBatch} at a time), run the bot on each, then write the
 * batch's results in bulk: one outbox insert for every active reply and one ledger update
 * marking the batch done (one more for failures). A callback still waiting within its
 * passive-reply budget gets its single text answer passively instead.
 */
class WecomInboundBatcher {

	private static final Logger log = LoggerFactory.getLogger(WecomInboundBatcher.class);

	private static final int PASSIVE_MAX_BYTES = 2048;

	static final int WAITING = 0;

	static final int PASSIVE = 1;

	static final int ACTIVE = 2;

	/** One recorded callback on its way through. */
	static final class Item {

		final WecomInbound inbound;

		/**
		 * WAITING until the worker hands the answer over (PASSIVE) or it goes out
		 * actively.
		 */
		final AtomicInteger state = new AtomicInteger(WAITING);

		final CountDownLatch finished = new CountDownLatch(1);

		volatile WecomInboundProcessor.Outcome outcome;

		Item(WecomInbound inbound) {
			this.inbound = inbound;
		}

		/**
		 * An item whose request thread waits up to {@code budgetMillis} for a passive
		 * answer. With no budget the answer goes out actively from the start, even when
		 * the worker is done before the request thread looks (it used to be promised
		 * passively then, so an answer meant for the outbox went back in the response).
		 */
		static Item forBudget(WecomInbound inbound, long budgetMillis) {
			Item item = new Item(inbound);
			if (budgetMillis <= 0) {
				item.state.set(ACTIVE);
			}
			return item;
		}

		/**
		 * The request thread gives up waiting: the answer (if any) goes out actively.
		 * False when the worker already promised it passively (then wait for
		 * {@link #finished}).
		 */
		boolean abandon() {
			return state.compareAndSet(WAITING, ACTIVE) || state.get() == ACTIVE;
		}

	}

	private final WecomInboundProcessor processor;

	private final InboundLedger ledger;

	private final Outbox outbox;

	private final ExecutorService executor;

	private final int workers;

	private final int maxBatch;

	private final BlockingQueue<Item> queue;

	private final AtomicInteger running = new AtomicInteger();

	WecomInboundBatcher(WecomInboundProcessor processor, InboundLedger ledger, Outbox outbox, ExecutorService executor,
			int workers, int maxBatch, int capacity) {
		this.processor = processor;
		this.ledger = ledger;
		this.outbox = outbox;
		this.executor = executor;
		this.workers = workers;
		this.maxBatch = maxBatch;
		this.queue = new LinkedBlockingQueue<>(capacity);
	}

	/** Messages queued and not yet taken by a worker. */
	int backlog() {
		return queue.size();
	}

	/**
	 * Queue a recorded (and claimed) callback. False when the queue is full: the message
	 * is recorded, its claim goes stale and the recovery sweep processes it.
	 */
	boolean submit(Item item) {
		if (!queue.offer(item)) {
			return false;
		}
		startWorkerIfNeeded();
		return true;
	}

	private void startWorkerIfNeeded() {
		while (true) {
			int n = running.get();
			if (n >= workers || queue.isEmpty()) {
				return;
			}
			if (running.compareAndSet(n, n + 1)) {
				try {
					executor.execute(this::drain);
				}
				catch (RejectedExecutionException ex) {
					running.decrementAndGet();
					log.warn("wecom: inbound executor refused a worker; queued messages wait for the recovery sweep");
				}
				return;
			}
		}
	}

	private void drain() {
		try {
			List<Item> batch = new ArrayList<>(maxBatch);
			while (true) {
				batch.clear();
				queue.drainTo(batch, maxBatch);
				if (batch.isEmpty()) {
					break;
				}
				processBatch(batch);
			}
		}
		finally {
			running.decrementAndGet();
			// a message queued while this worker was leaving must not wait for the next
			startWorkerIfNeeded();
		}
	}

	void processBatch(List<Item> batch) {
		Set<String> done = new LinkedHashSet<>();
		Set<String> failed = new LinkedHashSet<>();
		List<OutboxEntry> active = new ArrayList<>();
		List<WecomInboundProcessor.Processed> results;
		try {
			results = processor.processClaimedAll(batch.stream().map((item) -> item.inbound).toList());
		}
		catch (RuntimeException ex) {
			RuntimeException failure = ex;
			results = batch.stream().map((item) -> new WecomInboundProcessor.Processed(null, failure)).toList();
		}
		for (int i = 0; i < batch.size(); i++) {
			Item item = batch.get(i);
			String key = item.inbound.dedupeKey();
			WecomInboundProcessor.Processed p = results.get(i);
			if (p.failure() != null) {
				item.state.set(ACTIVE);
				failed.add(key);
				log.warn("wecom: processing {} failed, the recovery sweep processes it again: {}", key,
						p.failure().toString());
				continue;
			}
			WecomInboundProcessor.Outcome outcome = p.outcome();
			item.outcome = outcome;
			boolean passive = passiveEligible(outcome) && item.state.compareAndSet(WAITING, PASSIVE);
			if (!passive) {
				item.state.set(ACTIVE);
				active.addAll(processor.activeEntries(outcome));
			}
			done.add(key);
		}
		try {
			if (!active.isEmpty()) {
				outbox.enqueueAll(active);
			}
			ledger.doneAll(done);
			ledger.failedAll(failed);
		}
		catch (RuntimeException ex) {
			// the claims go stale and the recovery sweep processes these again (filing is
			// idempotent, reply keys are queued once)
			log.warn("wecom: recording the outcome of {} message(s) failed: {}", batch.size(), ex.toString());
			for (Item item : batch) {
				item.state.compareAndSet(PASSIVE, ACTIVE);
			}
		}
		finally {
			for (Item item : batch) {
				item.finished.countDown();
			}
		}
	}

	/** A single short text answer to the sender can go back in the HTTP response. */
	static boolean passiveEligible(WecomInboundProcessor.Outcome outcome) {
		if (outcome == null || outcome.replies().size() != 1) {
			return false;
		}
		String from = outcome.inbound().from();
		Reply r = outcome.replies().get(0);
		return from != null && outcome.replyTo() != null && outcome.replyTo().kind() == Recipient.Kind.USER
				&& from.equals(outcome.replyTo().id()) && r.format() == Reply.Format.TEXT && r.buttons().isEmpty()
				&& r.imageRef() == null && r.text().getBytes(StandardCharsets.UTF_8).length <= PASSIVE_MAX_BYTES;
	}

	/**
	 * Wait up to {@code budgetMillis} for the item's answer. Returns the outcome to
	 * answer passively, or null when the answer goes (or went) out actively.
	 */
	static WecomInboundProcessor.Outcome awaitPassive(Item item, long budgetMillis) throws InterruptedException {
		if (budgetMillis > 0) {
			item.finished.await(budgetMillis, TimeUnit.MILLISECONDS);
		}
		if (item.abandon()) {
			return null;
		}
		// promised passively: the batch's bulk writes are in flight
		if (!item.finished.await(10, TimeUnit.SECONDS)) {
			log.warn("wecom: the answer to {} was not recorded in time; acknowledged empty", item.inbound.dedupeKey());
			return null;
		}
		return (item.state.get() == PASSIVE) ? item.outcome : null;
	}

}
