package com.crmbot.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Personal API tokens for scripts and BI tools: 256 random bits shown once, stored only
 * as their SHA-256; a token carries its owner's rights and is sent as
 * {@code Authorization: Bearer}.
 */
@Service
public class ApiTokens {

	static final String PREFIX = "crm_";

	private final SecureRandom random = new SecureRandom();

	private final MongoTemplate mongo;

	private final Clock clock;

	ApiTokens(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** A new token for the owner; the returned text is the only copy of the secret. */
	public Issued issue(String owner, String label) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		String hash = sha256(secret);
		ApiToken t = new ApiToken(hash, owner, (label == null || label.isBlank()) ? "-" : label.strip(),
				hash.substring(0, 8), clock.instant(), null);
		mongo.insert(t);
		return new Issued(secret, t);
	}

	/** The owner of a valid, unrevoked token. */
	public Optional<String> owner(String secret) {
		if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
			return Optional.empty();
		}
		ApiToken t = mongo.findById(sha256(secret), ApiToken.class);
		return (t == null || t.revokedAt() != null) ? Optional.empty() : Optional.of(t.owner());
	}

	/** The owner's tokens, newest first. */
	public List<ApiToken> list(String owner) {
		return mongo.find(
				Query.query(Criteria.where("owner").is(owner)).with(Sort.by(Sort.Direction.DESC, "createdAt")),
				ApiToken.class);
	}

	/** Revoke one of the owner's tokens by its short id; false when there is none. */
	public boolean revoke(String owner, String shortId) {
		return mongo
			.updateFirst(
					Query.query(Criteria.where("owner").is(owner).and("shortId").is(shortId).and("revokedAt").is(null)),
					Update.update("revokedAt", clock.instant()), ApiToken.class)
			.getModifiedCount() > 0;
	}

	static String sha256(String s) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A stored token: the id is the SHA-256 of the secret. */
	@Document("api_tokens")
	public record ApiToken(@Id String id, String owner, String label, String shortId, Instant createdAt,
			Instant revokedAt) {
	}

	/** A freshly issued token and its secret. */
	public record Issued(String secret, ApiToken token) {
	}

}
