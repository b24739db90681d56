package com.crmbot.connector;

import java.time.Duration;

/**
 * The outcome of one delivery attempt.
 *
 * @param status what happened
 * @param retryAfter for {@link Status#RETRY} and {@link Status#DEFERRED}: at the earliest
 * when to try again (null: the outbox's backoff decides)
 * @param reason human-readable reason for failures (no secrets)
 */
public record SendResult(Status status, Duration retryAfter, String reason) {

	public static SendResult sent() {
		return new SendResult(Status.SENT, null, null);
	}

	/** A transient failure (5xx, -1, token expired, network); counts as an attempt. */
	public static SendResult retry(String reason) {
		return new SendResult(Status.RETRY, null, reason);
	}

	/** A transient failure with a known wait. */
	public static SendResult retry(String reason, Duration after) {
		return new SendResult(Status.RETRY, after, reason);
	}

	/** Rate limit reached locally or remotely: wait, not counted as a failed attempt. */
	public static SendResult deferred(String reason, Duration after) {
		return new SendResult(Status.DEFERRED, after, reason);
	}

	/** A permanent failure: recorded and not retried. */
	public static SendResult failed(String reason) {
		return new SendResult(Status.FAILED, null, reason);
	}

	public enum Status {

		SENT, RETRY, DEFERRED, FAILED

	}

}
