package com.crmbot.connector.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outbox tuning.
 *
 * @param workers sender threads per instance
 * @param pollInterval how often idle workers look for due messages
 * @param lease how long a claimed message stays claimed before another instance may take
 * it
 * @param maxAttempts failed attempts before a message is marked FAILED
 * @param baseBackoff first retry delay, doubled each attempt
 * @param maxBackoff cap for the retry delay
 * @param background whether worker threads deliver in the background (tests may switch
 * this off and call {@link Outbox#drain()})
 */
@Validated
@ConfigurationProperties("crmbot.outbox")
public record OutboxProperties(@DefaultValue("2") @Min(1) int workers,
		@DefaultValue("500ms") @NotNull Duration pollInterval, @DefaultValue("60s") @NotNull Duration lease,
		@DefaultValue("8") @Min(1) int maxAttempts, @DefaultValue("2s") @NotNull Duration baseBackoff,
		@DefaultValue("10m") @NotNull Duration maxBackoff, @DefaultValue("true") boolean background) {

	/** Delay before the retry after {@code attempts} failures (attempts >= 1). */
	public Duration backoff(int attempts) {
		long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
		Duration d = baseBackoff.multipliedBy(factor);
		return (d.compareTo(maxBackoff) > 0) ? maxBackoff : d;
	}

}
