package com.crmbot.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * The platforms' send quotas (a WeCom member, a WeCom or DingTalk group robot): one
 * bucket4j token bucket per key holding {@code perMinute} sends, refilled whole at the
 * end of each minute, so no minute-long window of the bucket carries more than the quota.
 * Time comes from the injected {@link Clock}. Kept in memory: it only spaces out sends;
 * the messages themselves wait durably in the outbox. With several instances, configure a
 * lower quota per instance.
 */
public final class SendRateLimiter {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final Duration MIN_WAIT = Duration.ofMillis(100);

	private final TimeMeter time;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	public SendRateLimiter(Clock clock) {
		this.time = new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}

		};
	}

	/**
	 * Take a slot for one send now.
	 * @param key what the quota is per, e.g. {@code robot:sales}
	 * @param perMinute the quota (read on the key's first use)
	 * @return null when the send may go now, else how long until a slot frees up
	 */
	public Duration acquire(String key, int perMinute) {
		Bucket bucket = buckets.computeIfAbsent(key,
				(k) -> Bucket.builder()
					.withCustomTimePrecision(time)
					.addLimit((l) -> l.capacity(perMinute).refillIntervally(perMinute, MINUTE))
					.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return null;
		}
		Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
		return (wait.compareTo(MIN_WAIT) < 0) ? MIN_WAIT : wait;
	}

}
