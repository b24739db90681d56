package com.crmbot.connector;

import java.time.Duration;

/**
 * The outcome of one delivery attempt.
 *
 * @param status what happened
 * @param retryAfter for {@link Status#RETRY} and {@link Status#DEFERRED}: at the earliest
 * when to try again (null: the outbox's backoff decides)
 * @param reason human-readable reason for failures (no secrets)
 * @param narrowedTo for {@link Status#RETRY}: when only some of a multi-recipient
 * delivery must be retried (the others got it or can never get it), the recipient id to
 * retry with; null: retry the whole delivery
 */
public record SendResult(Status status, Duration retryAfter, String reason, String narrowedTo) {

	public SendResult(Status status, Duration retryAfter, String reason) {
		this(status, retryAfter, reason, null);
	}

	public static SendResult sent() {
		return new SendResult(Status.SENT, null, null);
	}

	/** Delivered, with a note on recipients that could not get it (kept as lastError). */
	public static SendResult sent(String note) {
		return new SendResult(Status.SENT, null, note);
	}

	/**
	 * Delivered to some recipients; retry only {@code recipientId} (e.g. the users
	 * DingTalk flow-controlled) after {@code after}.
	 */
	public static SendResult retryOnly(String recipientId, String reason, Duration after) {
		return new SendResult(Status.RETRY, after, reason, recipientId);
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
