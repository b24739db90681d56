package com.crmbot.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Local passwords for teams on neither WeCom nor DingTalk: bcrypt hashes in the store,
 * never in the admin YAML. Set by an admin ({@code /password}) or from the command line.
 */
@Service
public class LocalAccounts {

	/** Shortest accepted password. */
	public static final int MIN_LENGTH = 10;

	private static final PasswordEncoder ENCODER = new BCryptPasswordEncoder();

	private final MongoTemplate mongo;

	private final Clock clock;

	LocalAccounts(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	static PasswordEncoder encoder() {
		return ENCODER;
	}

	/** Store a new password for the user (replacing any earlier one). */
	public void setPassword(String user, CharSequence password) {
		if (password == null || password.length() < MIN_LENGTH || password.length() > 72) {
			throw new IllegalArgumentException("password must be " + MIN_LENGTH + " to 72 characters");
		}
		mongo.save(new LocalAccount(user, ENCODER.encode(password), clock.instant()));
	}

	public Optional<String> hash(String user) {
		return Optional.ofNullable(mongo.findById(user, LocalAccount.class)).map(LocalAccount::hash);
	}

	/** A user's stored password hash. */
	@Document("local_accounts")
	public record LocalAccount(@Id String id, String hash, Instant updatedAt) {
	}

}
