package com.crmbot.connector.outbox;

import java.time.Instant;

import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One outbound message in the durable outbox.
 *
 * @param id the idempotency key: enqueuing the same key twice sends once
 * @param recipient where it goes
 * @param reply what is sent
 * @param status lifecycle state
 * @param attempts failed attempts so far
 * @param createdAt when it was enqueued
 * @param nextAttemptAt not before this time
 * @param leaseUntil while SENDING: the claim expires then (a crashed sender's entry
 * becomes due again)
 * @param owner the instance holding the lease
 * @param sentAt when delivered
 * @param lastError last failure reason
 */
@Document(OutboxEntry.COLLECTION)
public record OutboxEntry(@Id String id, Recipient recipient, Reply reply, Status status, int attempts,
		Instant createdAt, Instant nextAttemptAt, Instant leaseUntil, String owner, Instant sentAt, String lastError) {

	public static final String COLLECTION = "outbox";

	public enum Status {

		PENDING, SENDING, SENT, FAILED

	}

}
