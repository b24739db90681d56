package com.crmbot.connector.dingtalk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the Stream client and its watchdog. The SDK reconnects by itself on some errors
 * but is known to go silent (no disconnect surfaced, messages stop) and to lose the first
 * message after a reconnect; so the watchdog replaces the client whenever nothing arrived
 * for {@code stream-silence-timeout} (a quiet hour costs a reconnect, which is cheap),
 * and {@link #reconnect(String)} can be called when a disconnect is reported. Every
 * reconnect is logged with its reason and counted.
 */
public class DingTalkStreamRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DingTalkStreamRunner.class);

	private final Supplier<OpenDingTalkClient> factory;

	private final DingTalkStreamListener listener;

	private final Clock clock;

	private final Duration silenceTimeout;

	private final Duration interval;

	private final AtomicInteger reconnects = new AtomicInteger();

	private volatile OpenDingTalkClient client;

	private volatile Instant connectedAt;

	private volatile boolean running;

	private ScheduledExecutorService watchdog;

	public DingTalkStreamRunner(Supplier<OpenDingTalkClient> factory, DingTalkStreamListener listener, Clock clock,
			Duration silenceTimeout, Duration interval) {
		this.factory = factory;
		this.listener = listener;
		this.clock = clock;
		this.silenceTimeout = silenceTimeout;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		running = true;
		connect();
		watchdog = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread t = new Thread(r, "dingtalk-stream-watchdog");
			t.setDaemon(true);
			return t;
		});
		watchdog.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (watchdog != null) {
			watchdog.shutdownNow();
		}
		close();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * One watchdog look (public for tests): reconnect if the stream has been silent too
	 * long.
	 */
	public void check() {
		try {
			if (!running) {
				return;
			}
			Instant now = clock.instant();
			Instant last = listener.lastActivity();
			Instant since = (connectedAt != null && connectedAt.isAfter(last)) ? connectedAt : last;
			if (client == null) {
				reconnect("no client (last start failed)");
			}
			else if (Duration.between(since, now).compareTo(silenceTimeout) > 0) {
				reconnect("silent for " + Duration.between(since, now).toSeconds() + " s");
			}
		}
		catch (RuntimeException ex) {
			log.warn("dingtalk stream: watchdog error: {}", ex.toString());
		}
	}

	/** Replace the client with a fresh one (also for a reported disconnect). */
	public synchronized void reconnect(String reason) {
		int n = reconnects.incrementAndGet();
		log.warn("dingtalk stream: reconnecting (#{}): {}", n, reason);
		close();
		if (running) {
			connect();
		}
	}

	public int reconnects() {
		return reconnects.get();
	}

	private void connect() {
		try {
			OpenDingTalkClient c = factory.get();
			c.start();
			client = c;
			connectedAt = clock.instant();
			log.info("dingtalk stream: client started");
		}
		catch (Exception ex) {
			client = null;
			log.warn("dingtalk stream: start failed, the watchdog retries: {}", ex.toString());
		}
	}

	private void close() {
		OpenDingTalkClient c = client;
		client = null;
		if (c != null) {
			try {
				c.stop();
			}
			catch (Exception ex) {
				log.debug("dingtalk stream: stop failed: {}", ex.toString());
			}
		}
	}

}
