package com.crmbot.followup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One follow-up on a customer: a filed inquiry, a note, a media message.
 *
 * @param id store id
 * @param customerId the customer
 * @param kind what it is
 * @param platform where the message came from
 * @param platformMessageId the platform's message id (unique per platform: a message
 * never files twice)
 * @param authorId the user who sent or filed it (or the customer's external id for
 * customer messages)
 * @param text the raw text
 * @param extracted the fields extracted from the text (inquiries)
 * @param objections objection labels recognised
 * @param attachment media reference for media messages
 * @param at when
 */
@Document(FollowUp.COLLECTION)
public record FollowUp(@Id String id, String customerId, Kind kind, String platform, String platformMessageId,
		String authorId, String text, Map<String, Object> extracted, List<String> objections, String attachment,
		Instant at) {

	public static final String COLLECTION = "followups";

	public FollowUp {
		objections = (objections != null) ? List.copyOf(objections) : List.of();
	}

	public enum Kind {

		INQUIRY, NOTE, MEDIA, CUSTOMER_MESSAGE, SYSTEM, CALL, EMAIL;

		/** The reply template naming this kind to a reader (咨询, 跟进记录...). */
		public String labelKey() {
			return "kind-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

	}

}
