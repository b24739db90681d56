package com.crmbot.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * The platforms' send quotas (a WeCom member, a WeCom or DingTalk group robot): at most
 * {@code perMinute} sends per key in any 60-second window, one bucket4j token bucket per
 * key, time from the injected {@link Clock}.
 * <p>
 * A token bucket of capacity {@code C}, refilled greedily with {@code r} tokens a minute,
 * lets at most {@code C + r} sends through in any 60-second window (what it held at the
 * window's start plus what flowed in during it). The platforms count per window (DingTalk
 * throttles a robot for 10 minutes as soon as a minute carries more than 20 messages), so
 * {@link #bandwidth} splits the quota: half as a burst, half as the refill ({@code 20} →
 * a burst of 10, then one every 6 s), and {@code C + r} never exceeds the quota. A quota
 * of 1 refills once in two minutes. What a bucket holds back waits in the outbox, where
 * queued notices merge into one digest, so nothing is lost.
 * <p>
 * Kept in memory: it only spaces out sends of this instance; the messages themselves wait
 * durably in the outbox. With several instances, configure a lower quota per instance.
 */
public final class SendRateLimiter {

	private static final Duration MIN_WAIT = Duration.ofMillis(100);

	private final TimeMeter time;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	public SendRateLimiter(Clock clock) {
		this.time = new ClockTime(clock);
	}

	/**
	 * Take a slot for one send now.
	 * @param key what the quota is per, e.g. {@code robot:sales}
	 * @param perMinute the quota
	 * @return null when the send may go now, else how long until a slot frees up
	 */
	public Duration acquire(String key, int perMinute) {
		Bucket bucket = buckets.computeIfAbsent(key + "@" + perMinute,
				(k) -> Bucket.builder().withCustomTimePrecision(time).addLimit(bandwidth(perMinute)).build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return null;
		}
		Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
		return (wait.compareTo(MIN_WAIT) < 0) ? MIN_WAIT : wait;
	}

	/**
	 * The bucket for a quota: capacity {@code ceil(q/2)} and the rest as a greedy refill
	 * per minute, so that capacity + refill ≤ q.
	 */
	static Bandwidth bandwidth(int perMinute) {
		if (perMinute < 1) {
			throw new IllegalArgumentException("a send quota is at least 1 a minute: " + perMinute);
		}
		if (perMinute == 1) {
			return Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofMinutes(2)).initialTokens(1).build();
		}
		int burst = (perMinute + 1) / 2;
		return Bandwidth.builder()
			.capacity(burst)
			.refillGreedy(perMinute - burst, Duration.ofMinutes(1))
			.initialTokens(burst)
			.build();
	}

	/** bucket4j's time from the injected clock. */
	private record ClockTime(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
