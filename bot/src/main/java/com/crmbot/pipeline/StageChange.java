package com.crmbot.pipeline;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One stage change in a customer's history (the funnel report reads these).
 *
 * @param id store id
 * @param customerId the customer
 * @param from previous stage (null for none)
 * @param to new stage
 * @param actorId who moved it
 * @param at when
 * @param dealAmount deal amount recorded with the change, if any
 * @param ownerId the customer's owner at the time (reports filter by it)
 * @param department the customer's department at the time (reports filter by it)
 * @param daysInFrom days the customer spent in {@code from} (since it entered it, or
 * since it was created), for the funnel's average days in stage
 * @param reason why the customer was lost (moves to the lost stage), else null
 */
@Document(StageChange.COLLECTION)
public record StageChange(@Id String id, String customerId, String from, String to, String actorId, Instant at,
		Long dealAmount, String ownerId, String department, Double daysInFrom, String reason) {

	public static final String COLLECTION = "stage_history";

}
