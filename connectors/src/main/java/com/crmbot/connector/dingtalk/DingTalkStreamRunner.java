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
 * but is known to go silent (no disconnect surfaced, messages stop). The watchdog looks
 * every {@code stream-watchdog-interval}:
 * <ul>
 * <li>at the connection itself ({@link Liveness}: in production the SDK's WebSocket
 * sessions, whose keep-alive pings close a connection that silently died): when it has
 * been down for {@code stream-disconnect-grace} (the SDK's own retry had its chance), the
 * client is replaced — a dropped connection is noticed within a minute;</li>
 * <li>as a fallback when the connection cannot be inspected, at silence: nothing arrived
 * for {@code stream-silence-timeout};</li>
 * <li>at a failed start: retried at once.</li>
 * </ul>
 * {@link #reconnect(String)} can also be called when a disconnect is reported. Every
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

	private final Liveness liveness;

	private final Duration disconnectGrace;

	private volatile Instant downSince;

	private volatile OpenDingTalkClient client;

	private volatile Instant connectedAt;

	private volatile boolean running;

	private ScheduledExecutorService watchdog;

	public DingTalkStreamRunner(Supplier<OpenDingTalkClient> factory, DingTalkStreamListener listener, Clock clock,
			Duration silenceTimeout, Duration interval) {
		this(factory, listener, clock, silenceTimeout, interval, (c) -> null, Duration.ofSeconds(20));
	}

	public DingTalkStreamRunner(Supplier<OpenDingTalkClient> factory, DingTalkStreamListener listener, Clock clock,
			Duration silenceTimeout, Duration interval, Liveness liveness, Duration disconnectGrace) {
		this.liveness = liveness;
		this.disconnectGrace = disconnectGrace;
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
			OpenDingTalkClient c = client;
			if (c == null) {
				reconnect("no client (last start failed)");
				return;
			}
			Boolean up;
			try {
				up = liveness.connected(c);
			}
			catch (RuntimeException ex) {
				up = null;
			}
			if (Boolean.TRUE.equals(up)) {
				downSince = null;
			}
			else if (Boolean.FALSE.equals(up)) {
				Instant down = downSince;
				if (down == null) {
					downSince = now;
					log.info("dingtalk stream: connection down, waiting {} s for the SDK to restore it",
							disconnectGrace.toSeconds());
				}
				else if (Duration.between(down, now).compareTo(disconnectGrace) >= 0) {
					reconnect("connection down for " + Duration.between(down, now).toSeconds() + " s");
				}
				return;
			}
			if (Duration.between(since, now).compareTo(silenceTimeout) > 0) {
				reconnect("silent for " + Duration.between(since, now).toSeconds() + " s");
			}
		}
		catch (RuntimeException ex) {
			log.warn("dingtalk stream: watchdog error: {}", ex.toString());
		}
	}

	/** Replace the client with a fresh one (also for a reported disconnect). */
	public synchronized void reconnect(String reason) {
		downSince = null;
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

	/** Whether a client's connection is up: true, false, or null when unknown. */
	@FunctionalInterface
	public interface Liveness {

		Boolean connected(OpenDingTalkClient client);

	}

}
