package com.crmbot.inquiry;

/**
 * Published after an inquiry or note was filed on a customer; {@code scored} when the
 * filing stored the customer's new score already.
 */
public record InquiryFiled(String customerId, String followUpId, String authorId, boolean customerCreated,
		boolean scored) {

	/** Filed without re-scoring the customer (listeners score it). */
	public InquiryFiled(String customerId, String followUpId, String authorId, boolean customerCreated) {
		this(customerId, followUpId, authorId, customerCreated, false);
	}

}
