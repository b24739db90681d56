package com.crmbot.connector.dingtalk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Sliding-window limiter for custom group robots: at most {@code limit} messages in any
 * 60-second window per robot (DingTalk throttles a robot for 10 minutes above 20 a
 * minute). In memory, per instance: with several instances, configure a lower limit per
 * instance.
 */
final class RobotRateLimiter {

	static final Duration WINDOW = Duration.ofMinutes(1);

	private final int limit;

	private final Map<String, Deque<Instant>> sent = new HashMap<>();

	RobotRateLimiter(int limit) {
		this.limit = limit;
	}

	/**
	 * Take a slot for one message now. Returns null when granted, else how long to wait
	 * until a slot frees.
	 */
	synchronized Duration tryAcquire(String robot, Instant now) {
		Deque<Instant> q = sent.computeIfAbsent(robot, (k) -> new ArrayDeque<>());
		Instant windowStart = now.minus(WINDOW);
		while (!q.isEmpty() && !q.peekFirst().isAfter(windowStart)) {
			q.pollFirst();
		}
		if (q.size() < limit) {
			q.addLast(now);
			return null;
		}
		return Duration.between(now, q.peekFirst().plus(WINDOW)).plusMillis(1);
	}

}
