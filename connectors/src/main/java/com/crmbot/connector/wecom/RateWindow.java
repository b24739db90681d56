package com.crmbot.connector.wecom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sliding one-minute window per key (a member, a group robot). Kept in memory: it only
 * spaces out sends; the messages themselves wait durably in the outbox.
 */
final class RateWindow {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final Clock clock;

	private final Map<String, Deque<Instant>> sent = new ConcurrentHashMap<>();

	RateWindow(Clock clock) {
		this.clock = clock;
	}

	/** Take a slot: null when allowed now, else how long until a slot frees up. */
	Duration acquire(String key, int perMinute) {
		Instant now = clock.instant();
		Deque<Instant> q = sent.computeIfAbsent(key, (k) -> new ArrayDeque<>());
		synchronized (q) {
			while (!q.isEmpty() && !q.peekFirst().isAfter(now.minus(WINDOW))) {
				q.pollFirst();
			}
			if (q.size() >= perMinute) {
				Duration wait = Duration.between(now, q.peekFirst().plus(WINDOW));
				return wait.isNegative() || wait.isZero() ? Duration.ofMillis(100) : wait;
			}
			q.addLast(now);
			return null;
		}
	}

}
