package com.crmbot.calendar;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user's feed token, stored only as its SHA-256 hash.
 *
 * @param id the user id (one feed per user)
 * @param tokenHash hex SHA-256 of the secret token (unique)
 * @param createdAt when it was issued
 */
@Document(CalendarToken.COLLECTION)
record CalendarToken(@Id String id, String tokenHash, Instant createdAt) {

	static final String COLLECTION = "calendar_tokens";

}
