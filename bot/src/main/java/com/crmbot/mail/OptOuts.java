package com.crmbot.mail;

import java.time.Clock;
import java.time.Instant;

import com.crmbot.text.Emails;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Service;

/**
 * Addresses that unsubscribed: never mailed again (checked when queueing and sending).
 */
@Service
public class OptOuts {

	private final MongoTemplate mongo;

	private final Clock clock;

	OptOuts(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	public boolean isOptedOut(String email) {
		return email != null && mongo.findById(Emails.key(email), OptOut.class) != null;
	}

	/** Record an opt-out; false when the address had already opted out. */
	public boolean optOut(String email, String via) {
		try {
			mongo.insert(new OptOut(Emails.key(email), clock.instant(), via));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * An opt-out.
	 *
	 * @param id the address, lower-cased
	 * @param at when
	 * @param via how (link, one-click header)
	 */
	@Document(OptOut.COLLECTION)
	public record OptOut(@Id String id, Instant at, String via) {

		public static final String COLLECTION = "mail_optout";

	}

}
