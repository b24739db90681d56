package com.crmbot.calls;

import java.time.Instant;

/**
 * A call record in our own terms, after the vendor's field mapping.
 *
 * @param callId the call centre's id of the call (idempotency key)
 * @param event {@code ringing} (push the agent a card) or {@code ended} (file it)
 * @param direction {@code inbound} or {@code outbound}
 * @param caller calling number as sent
 * @param callee called number as sent
 * @param agent the agent's extension or id
 * @param ringAt when it started ringing
 * @param answerAt when it was answered (null: not answered)
 * @param endAt when it ended
 * @param durationSeconds talk time in seconds
 * @param recordingUrl where the call centre keeps the recording
 * @param result {@code answered}, {@code missed}, {@code busy}, {@code failed} (null:
 * derived from the answer time)
 */
record CallRecord(String callId, String event, String direction, String caller, String callee, String agent,
		Instant ringAt, Instant answerAt, Instant endAt, Integer durationSeconds, String recordingUrl, String result) {

	boolean ringing() {
		return "ringing".equals(event);
	}

	boolean inbound() {
		return "inbound".equals(direction);
	}

	/** The customer's side of the call. */
	String customerNumber() {
		return inbound() ? caller : callee;
	}

	boolean missed() {
		if (result != null) {
			return !"answered".equals(result);
		}
		return answerAt == null && (durationSeconds == null || durationSeconds == 0);
	}

	/** Talk time: as sent, else from the answer and end times, else 0. */
	int talkSeconds() {
		if (durationSeconds != null) {
			return durationSeconds;
		}
		if (answerAt != null && endAt != null && !endAt.isBefore(answerAt)) {
			return (int) java.time.Duration.between(answerAt, endAt).toSeconds();
		}
		return 0;
	}

	/** When it happened, for the follow-up. */
	Instant at(Instant fallback) {
		return (ringAt != null) ? ringAt : (answerAt != null) ? answerAt : (endAt != null) ? endAt : fallback;
	}

}
