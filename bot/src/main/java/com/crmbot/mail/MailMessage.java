package com.crmbot.mail;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One e-mail in the durable mail queue. The id is the idempotency key: a care mail's is
 * {@code care:<month>:<customer>}, so a customer gets at most one care mail per month
 * whichever instance queues it and however often.
 *
 * @param id idempotency key
 * @param kind a rep's mail or a campaign mail
 * @param campaign the campaign month ({@code 2026-12}) for care mails, else null
 * @param customerId the customer
 * @param ownerId the customer's owner
 * @param department the owner's department (supervisor summaries)
 * @param requestedBy who asked for it (a rep's mail; told when it finally fails)
 * @param to recipient address
 * @param fromName sender display name
 * @param subject subject
 * @param html HTML part
 * @param text plain-text part
 * @param unsubscribeUrl the signed unsubscribe link (List-Unsubscribe), or null
 * @param coupon the care coupon code, or null
 * @param status lifecycle
 * @param attempts temporary failures so far
 * @param createdAt queued
 * @param nextAttemptAt not before
 * @param leaseUntil while SENDING: the claim expires then
 * @param owner claim token of the sender holding it
 * @param sentAt when the SMTP server accepted it
 * @param lastError the last failure
 */
@Document(MailMessage.COLLECTION)
public record MailMessage(@Id String id, Kind kind, String campaign, String customerId, String ownerId,
		String department, String requestedBy, String to, String fromName, String subject, String html, String text,
		String unsubscribeUrl, String coupon, Status status, int attempts, Instant createdAt, Instant nextAttemptAt,
		Instant leaseUntil, String owner, Instant sentAt, String lastError) {

	public static final String COLLECTION = "mail_queue";

	public enum Kind {

		MANUAL, CARE

	}

	public enum Status {

		PENDING, SENDING, SENT, FAILED, SKIPPED

	}

	/** A new message, pending now. */
	public static MailMessage pending(String id, Kind kind, String campaign, String customerId, String ownerId,
			String department, String requestedBy, String to, String fromName, String subject, String html, String text,
			String unsubscribeUrl, String coupon, Instant now) {
		return new MailMessage(id, kind, campaign, customerId, ownerId, department, requestedBy, to, fromName, subject,
				html, text, unsubscribeUrl, coupon, Status.PENDING, 0, now, now, null, null, null, null);
	}

}
