package com.crmbot.task;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A task waiting for its time to be confirmed (the time was ambiguous or past).
 * Confirming creates the task with source key {@code draft:<id>}, so a double confirm
 * creates one.
 *
 * @param id store id
 * @param ownerId who asked
 * @param customerId the customer
 * @param title what to do
 * @param priority priority
 * @param candidates the readings offered, in order
 * @param createdAt when asked
 */
@Document(TaskDraft.COLLECTION)
public record TaskDraft(@Id String id, String ownerId, String customerId, String title, Task.Priority priority,
		List<Instant> candidates, Instant createdAt) {

	public static final String COLLECTION = "task_drafts";

}
