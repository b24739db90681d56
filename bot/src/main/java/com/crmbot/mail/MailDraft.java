package com.crmbot.mail;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A previewed mail waiting for the rep's confirmation ({@code /mail send N}).
 *
 * @param id {@code <user>:<n>}
 * @param n the number the rep confirms with
 * @param userId the rep
 * @param customerId the customer
 * @param customerName the customer's name when previewed
 * @param template template name
 * @param to recipient
 * @param subject subject
 * @param html HTML part
 * @param text plain-text part
 * @param status DRAFT until confirmed, then SENT (queued)
 * @param createdAt previewed
 */
@Document(MailDraft.COLLECTION)
public record MailDraft(@Id String id, long n, String userId, String customerId, String customerName, String template,
		String to, String subject, String html, String text, Status status, Instant createdAt) {

	public static final String COLLECTION = "mail_drafts";

	public enum Status {

		DRAFT, SENT

	}

}
