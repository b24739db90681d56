package com.crmbot.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Secret feed tokens: 32 random bytes, shown once, stored as a SHA-256 hash (a leaked
 * database does not reveal feed URLs). Issuing a new one replaces the old one, so the old
 * URL stops working at once.
 */
@Service
class CalendarTokens {

	private final MongoTemplate mongo;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	CalendarTokens(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
		mongo.indexOps(CalendarToken.class)
			.createIndex(new Index().on("tokenHash", Sort.Direction.ASC).unique().named("uniq_token_hash"));
	}

	/**
	 * A new token for the user (replacing any previous one); the only time it is seen.
	 */
	String issue(String userId) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		mongo.findAndReplace(Query.query(Criteria.where("_id").is(userId)),
				new CalendarToken(userId, hash(token), clock.instant()), FindAndReplaceOptions.options().upsert());
		return token;
	}

	Optional<CalendarToken> current(String userId) {
		return Optional.ofNullable(mongo.findById(userId, CalendarToken.class));
	}

	/** Revoke the user's token; false when there was none. */
	boolean revoke(String userId) {
		return mongo.remove(Query.query(Criteria.where("_id").is(userId)), CalendarToken.class).getDeletedCount() > 0;
	}

	/** The user a token belongs to. */
	Optional<String> userFor(String token) {
		if (token == null || !token.matches("[A-Za-z0-9_-]{20,100}")) {
			return Optional.empty();
		}
		CalendarToken t = mongo.findOne(Query.query(Criteria.where("tokenHash").is(hash(token))), CalendarToken.class);
		return Optional.ofNullable(t).map(CalendarToken::id);
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
