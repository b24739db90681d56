package com.crmbot.care;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.crmbot.customer.Customer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Care coupons: random codes (unique in the store), one per care mail (a unique campaign
 * key, so a re-run reuses the code), single-use and expiring.
 */
@Service
public class Coupons {

	/** No 0/O/1/I/L: codes are read aloud and typed. */
	private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

	private final SecureRandom random = new SecureRandom();

	private final MongoTemplate mongo;

	private final Clock clock;

	Coupons(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
		mongo.indexOps(Coupon.class)
			.createIndex(new Index().on("campaignKey", Sort.Direction.ASC).unique().named("uniq_campaign_key"));
	}

	/** The coupon of a care mail, issued now if it has none yet. */
	public Coupon issue(String campaignKey, Customer c, Duration validFor) {
		Coupon existing = mongo.findOne(Query.query(Criteria.where("campaignKey").is(campaignKey)), Coupon.class);
		if (existing != null) {
			return existing;
		}
		Instant now = clock.instant();
		for (int i = 0; i < 10; i++) {
			Coupon coupon = new Coupon(code(), campaignKey, c.id(), c.name(), c.ownerId(), now, now.plus(validFor),
					null, null);
			try {
				return mongo.insert(coupon);
			}
			catch (DuplicateKeyException ex) {
				existing = mongo.findOne(Query.query(Criteria.where("campaignKey").is(campaignKey)), Coupon.class);
				if (existing != null) {
					return existing;
				}
				// the code was taken: draw another
			}
		}
		throw new IllegalStateException("cannot draw a unique coupon code");
	}

	String code() {
		StringBuilder sb = new StringBuilder("CARE-");
		for (int i = 0; i < 8; i++) {
			if (i == 4) {
				sb.append('-');
			}
			sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
		}
		return sb.toString();
	}

	public static String normalize(String code) {
		return code.strip().toUpperCase(Locale.ROOT).replace('－', '-');
	}

	public Optional<Coupon> find(String code) {
		return Optional.ofNullable(mongo.findById(normalize(code), Coupon.class));
	}

	/**
	 * Redeem once: the redeemed coupon, or empty when it was redeemed or expired
	 * meanwhile.
	 */
	public Optional<Coupon> redeem(String code, String userId) {
		Instant now = clock.instant();
		return Optional.ofNullable(mongo.findAndModify(
				Query.query(
						Criteria.where("_id").is(normalize(code)).and("redeemedAt").is(null).and("expiresAt").gt(now)),
				new Update().set("redeemedAt", now).set("redeemedBy", userId),
				FindAndModifyOptions.options().returnNew(true), Coupon.class));
	}

}
