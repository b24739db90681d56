package com.crmbot.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.crmbot.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendRateLimiterTest {

	final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));

	final SendRateLimiter limiter = new SendRateLimiter(clock);

	@Test
	void grantsTheQuotaThenSaysHowLongToWait() {
		for (int i = 0; i < 20; i++) {
			assertThat(limiter.acquire("robot:sales", 20)).as("send %d", i).isNull();
			clock.advance(Duration.ofSeconds(2));
		}
		assertThat(limiter.acquire("robot:sales", 20)).isEqualTo(Duration.ofSeconds(20));
		clock.advance(Duration.ofSeconds(19));
		assertThat(limiter.acquire("robot:sales", 20)).isEqualTo(Duration.ofSeconds(1));
		clock.advance(Duration.ofSeconds(1));
		assertThat(limiter.acquire("robot:sales", 20)).isNull();
		assertThat(limiter.acquire("robot:sales", 20)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void keysAreIndependent() {
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.acquire("user:zhang", 3)).isNull();
		}
		assertThat(limiter.acquire("user:zhang", 3)).isPositive();
		assertThat(limiter.acquire("user:li", 3)).isNull();
	}

	@Test
	void noSixtySecondWindowCarriesMoreThanTheQuotaEvenAcrossAMinuteBoundary() {
		List<Instant> sent = new ArrayList<>();
		for (int s = 0; s < 180; s++) {
			// one send at the start, then greedy senders from second 50 on
			while ((s == 0 || s >= 50) && limiter.acquire("robot:ops", 5) == null) {
				sent.add(clock.instant());
				if (s == 0) {
					break;
				}
			}
			clock.advance(Duration.ofSeconds(1));
		}
		assertThat(sent).hasSizeGreaterThan(10);
		for (Instant from : sent) {
			long inWindow = sent.stream().filter((t) -> !t.isBefore(from) && t.isBefore(from.plusSeconds(60))).count();
			assertThat(inWindow).as("sends in the minute from %s", from).isLessThanOrEqualTo(5);
		}
	}

}
