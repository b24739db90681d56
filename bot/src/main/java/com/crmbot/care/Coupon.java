package com.crmbot.care;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A single-use care coupon.
 *
 * @param id the code
 * @param campaignKey the care mail it was made for (unique: one coupon per customer and
 * month)
 * @param customerId the customer
 * @param customerName the customer's name when issued
 * @param ownerId the owner
 * @param createdAt issued
 * @param expiresAt not redeemable after this
 * @param redeemedAt when redeemed (null: not yet)
 * @param redeemedBy who redeemed it
 */
@Document(Coupon.COLLECTION)
public record Coupon(@Id String id, String campaignKey, String customerId, String customerName, String ownerId,
		Instant createdAt, Instant expiresAt, Instant redeemedAt, String redeemedBy) {

	public static final String COLLECTION = "coupons";

}
