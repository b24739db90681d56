package com.crmbot.connector;

import java.time.Duration;
import java.time.Instant;

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
		Duration wait = limiter.acquire("robot:sales", 20);
		assertThat(wait).isEqualTo(Duration.ofSeconds(20));
		clock.advance(Duration.ofSeconds(19));
		assertThat(limiter.acquire("robot:sales", 20)).isEqualTo(Duration.ofSeconds(1));
		clock.advance(Duration.ofSeconds(1));
		assertThat(limiter.acquire("robot:sales", 20)).isNull();
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
	void noMinuteOfTheBucketCarriesMoreThanTheQuota() {
		int sent = 0;
		for (int s = 0; s < 60; s++) {
			while (limiter.acquire("robot:ops", 5) == null) {
				sent++;
			}
			clock.advance(Duration.ofSeconds(1));
		}
		assertThat(sent).isEqualTo(5);
		clock.advance(Duration.ofMillis(1));
		assertThat(limiter.acquire("robot:ops", 5)).isNull();
	}

}
