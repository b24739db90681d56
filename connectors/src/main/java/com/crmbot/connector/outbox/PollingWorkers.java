package com.crmbot.connector.outbox;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of daemon threads that run a store-backed queue: each does one step at a
 * time (claim and handle one item) and, when a step found nothing, sleeps until
 * {@link #wake() woken} or for the poll interval. Used by the outbox and the mail queue.
 */
public final class PollingWorkers {

	private static final Logger log = LoggerFactory.getLogger(PollingWorkers.class);

	private final String name;

	private final int count;

	private final Duration pollInterval;

	private final BooleanSupplier step;

	private final Object signal = new Object();

	private final AtomicBoolean running = new AtomicBoolean();

	private ExecutorService pool;

	/**
	 * @param name for log lines and thread names
	 * @param step one unit of work; false when there was nothing to do
	 */
	public PollingWorkers(String name, int count, Duration pollInterval, BooleanSupplier step) {
		this.name = name;
		this.count = count;
		this.pollInterval = pollInterval;
		this.step = step;
	}

	public void start() {
		if (running.compareAndSet(false, true)) {
			pool = Executors.newFixedThreadPool(count, (r) -> {
				Thread t = new Thread(r, name + "-worker");
				t.setDaemon(true);
				return t;
			});
			for (int i = 0; i < count; i++) {
				pool.submit(this::loop);
			}
		}
	}

	/** Stop and wait up to five seconds for the steps under way. */
	public void stop() {
		if (running.compareAndSet(true, false)) {
			wake();
			pool.shutdown();
			try {
				pool.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public boolean isRunning() {
		return running.get();
	}

	/** New work is there: sleeping workers look now. */
	public void wake() {
		synchronized (signal) {
			signal.notifyAll();
		}
	}

	private void loop() {
		while (running.get()) {
			boolean did;
			try {
				did = step.getAsBoolean();
			}
			catch (RuntimeException ex) {
				log.warn("{}: worker error: {}", name, ex.toString());
				did = false;
			}
			if (!did) {
				synchronized (signal) {
					try {
						signal.wait(pollInterval.toMillis());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}
	}

}
