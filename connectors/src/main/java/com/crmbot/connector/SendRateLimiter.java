package com.crmbot.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platforms' send quotas (a WeCom member, a WeCom or DingTalk group robot): at most
 * {@code perMinute} sends per key in any 60-second window, time from the injected
 * {@link Clock}. One limiter for both transports (it replaces WeCom's {@code RateWindow}
 * and DingTalk's {@code RobotRateLimiter}).
 * <p>
 * A sliding log rather than a token bucket (bucket4j, used for the per-user HTTP limits
 * in the bot): DingTalk throttles a group robot for 10 minutes as soon as any minute
 * carries more than 20 messages, and no token bucket that lets 20 go at once can also
 * keep every 60-second window at 20 (a bucket refilled per minute lets up to 40 through
 * across a refill; DingTalkParityTest and SendRateLimiterTest hold the limiter to it).
 * Kept in memory: it only spaces out sends; the messages themselves wait durably in the
 * outbox. With several instances, configure a lower quota per instance.
 */
public final class SendRateLimiter {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private static final Duration MIN_WAIT = Duration.ofMillis(100);

	private final Clock clock;

	private final Map<String, Deque<Instant>> sent = new ConcurrentHashMap<>();

	public SendRateLimiter(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Take a slot for one send now.
	 * @param key what the quota is per, e.g. {@code robot:sales}
	 * @param perMinute the quota
	 * @return null when the send may go now, else how long until a slot frees up
	 */
	public Duration acquire(String key, int perMinute) {
		Instant now = clock.instant();
		Deque<Instant> q = sent.computeIfAbsent(key, (k) -> new ArrayDeque<>());
		synchronized (q) {
			Instant windowStart = now.minus(WINDOW);
			while (!q.isEmpty() && !q.peekFirst().isAfter(windowStart)) {
				q.pollFirst();
			}
			if (q.size() < perMinute) {
				q.addLast(now);
				return null;
			}
			Duration wait = Duration.between(now, q.peekFirst().plus(WINDOW));
			return (wait.compareTo(MIN_WAIT) < 0) ? MIN_WAIT : wait;
		}
	}

}
