package com.crmbot.approval;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A recorded deal amount; carries the approval's result.
 *
 * @param id store id
 * @param customerId the customer
 * @param customerName its name when recorded
 * @param ownerId who recorded it (the requester)
 * @param amount yuan
 * @param status recorded (no approval needed), pending approval, approved or rejected
 * @param approvalId the approval, when one was opened
 * @param createdAt recorded
 * @param decidedAt when the approval decided
 * @param sourceKey idempotency key (the message that recorded it)
 */
@Document(Deal.COLLECTION)
public record Deal(@Id String id, String customerId, String customerName, String ownerId, long amount, Status status,
		String approvalId, Instant createdAt, Instant decidedAt, String sourceKey) {

	public static final String COLLECTION = "deals";

	public enum Status {

		RECORDED, PENDING_APPROVAL, APPROVED, REJECTED

	}

}
