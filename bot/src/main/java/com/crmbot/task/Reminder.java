package com.crmbot.task;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A reminder in the store (never only in scheduler memory). One per task: snoozing or
 * rescheduling moves {@code dueAt} and makes it pending again.
 *
 * @param id the task id
 * @param taskId the task
 * @param userId who is reminded
 * @param title what to do (denormalised, so dispatch needs no lookups)
 * @param customerName the customer's name (may be null)
 * @param dueAt when
 * @param urgent whether it also goes by SMS and escalates
 * @param status lifecycle
 * @param leaseOwner the dispatch batch holding the claim
 * @param leaseUntil the claim expires then ({@link Instant#EPOCH}: unclaimed)
 * @param sentAt when it was handed to the outbox
 * @param ackAt when the user acknowledged (done, snoozed)
 * @param escalatedAt when it went to the supervisor
 * @param note why delivery may not reach the user (no platform id, no mobile...)
 * @param createdAt created
 */
@Document(Reminder.COLLECTION)
public record Reminder(@Id String id, String taskId, String userId, String title, String customerName, Instant dueAt,
		boolean urgent, Status status, String leaseOwner, Instant leaseUntil, Instant sentAt, Instant ackAt,
		Instant escalatedAt, String note, Instant createdAt) {

	public static final String COLLECTION = "reminders";

	/**
	 * The outbox key of this reminder's current due time: enqueuing it twice sends once.
	 */
	public String outboxKey() {
		return outboxKey(id, dueAt);
	}

	public static String outboxKey(String id, Instant dueAt) {
		return "reminder:" + id + ":" + dueAt.toEpochMilli();
	}

	public enum Status {

		/**
		 * Waiting for its due time (or claimed by a dispatcher whose lease has not
		 * expired).
		 */
		PENDING,
		/** Handed to the outbox. */
		SENT,
		/** Done or snoozed by the user after it was sent. */
		ACKED,
		/** The task was finished before the reminder was due. */
		CANCELLED

	}

}
