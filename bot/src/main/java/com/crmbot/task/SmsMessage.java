package com.crmbot.task;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A queued SMS (durable, idempotent by key, claimed with a lease like the outbox).
 *
 * @param id idempotency key ({@code sms:<reminder>:<dueAt>})
 * @param reminderId the reminder it belongs to
 * @param userId the recipient user
 * @param mobile the number
 * @param text the message
 * @param status lifecycle
 * @param attempts failed attempts
 * @param nextAttemptAt not before
 * @param leaseUntil claim expiry while SENDING
 * @param owner claiming instance
 * @param lastError last failure reason
 * @param createdAt queued
 * @param sentAt delivered to the gateway
 */
@Document(SmsMessage.COLLECTION)
public record SmsMessage(@Id String id, String reminderId, String userId, String mobile, String text, Status status,
		int attempts, Instant nextAttemptAt, Instant leaseUntil, String owner, String lastError, Instant createdAt,
		Instant sentAt) {

	public static final String COLLECTION = "sms_messages";

	public enum Status {

		PENDING, SENDING, SENT, FAILED

	}

}
