package com.crmbot.task;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A follow-up task (with its reminder at {@code dueAt}).
 *
 * @param id store id
 * @param customerId the customer it is about (may be null)
 * @param ownerId the user who must do it
 * @param title what to do
 * @param dueAt when
 * @param priority normal, high or urgent
 * @param status open, done or cancelled
 * @param createdBy who created it (a user id, or "system")
 * @param createdAt when it was created
 * @param source where it came from: command, stage-trigger, legal-review...
 * @param sourceKey idempotency key of the source (unique when set): a trigger that runs
 * twice creates one task
 */
@Document(Task.COLLECTION)
public record Task(@Id String id, String customerId, String ownerId, String title, Instant dueAt, Priority priority,
		Status status, String createdBy, Instant createdAt, String source, String sourceKey) {

	public static final String COLLECTION = "tasks";

	public enum Priority {

		NORMAL, HIGH, URGENT

	}

	public enum Status {

		OPEN, DONE, CANCELLED

	}

}
