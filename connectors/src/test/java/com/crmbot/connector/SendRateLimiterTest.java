package com.crmbot.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.crmbot.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The send quotas on an injected clock: no sleeping. */
class SendRateLimiterTest {

	final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));

	final SendRateLimiter limiter = new SendRateLimiter(clock);

	@Test
	void twentyAMinuteIsABurstOfTenThenOneEverySixSeconds() {
		for (int i = 0; i < 10; i++) {
			assertThat(limiter.acquire("robot:sales", 20)).as("send %d", i).isNull();
		}
		assertThat(limiter.acquire("robot:sales", 20)).isEqualTo(Duration.ofSeconds(6));
		clock.advance(Duration.ofSeconds(5));
		assertThat(limiter.acquire("robot:sales", 20)).isEqualTo(Duration.ofSeconds(1));
		clock.advance(Duration.ofSeconds(1));
		assertThat(limiter.acquire("robot:sales", 20)).isNull();
		assertThat(limiter.acquire("robot:sales", 20)).isEqualTo(Duration.ofSeconds(6));
	}

	@Test
	void keysAreIndependent() {
		for (int i = 0; i < 2; i++) {
			assertThat(limiter.acquire("user:zhang", 3)).isNull();
		}
		assertThat(limiter.acquire("user:zhang", 3)).isPositive();
		assertThat(limiter.acquire("user:li", 3)).isNull();
	}

	/**
	 * Greedy senders (every 250 ms, as many as the limiter grants) for ten minutes, after
	 * a quiet start and with a pause that lets the bucket fill up again: no 60-second
	 * window carries more than the quota, and the quota's refill half keeps flowing.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 5, 20, 30 })
	void noSixtySecondWindowCarriesMoreThanTheQuota(int quota) {
		List<Instant> sent = new ArrayList<>();
		for (int tick = 0; tick < 4 * 600; tick++) {
			boolean greedy = tick == 0 || (tick >= 4 * 50 && tick < 4 * 300) || tick >= 4 * 400;
			while (greedy && limiter.acquire("robot:ops", quota) == null) {
				sent.add(clock.instant());
			}
			clock.advance(Duration.ofMillis(250));
		}
		for (Instant from : sent) {
			long inWindow = sent.stream().filter((t) -> !t.isBefore(from) && t.isBefore(from.plusSeconds(60))).count();
			assertThat(inWindow).as("sends in the minute from %s", from).isLessThanOrEqualTo(quota);
		}
		int refill = (quota == 1) ? 0 : quota - (quota + 1) / 2;
		assertThat(sent).as("over 7 greedy minutes").hasSizeGreaterThanOrEqualTo(Math.max(4, 7 * refill));
	}

	@Test
	void aQuotaBelowOneIsRefused() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> limiter.acquire("robot:ops", 0));
	}

}
