package com.crmbot.calendar;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What a user's feed last said about one event, so that changes raise SEQUENCE and
 * LAST-MODIFIED and a vanished event is published as cancelled for a while.
 *
 * @param id {@code <user>|<uid>}
 * @param userId the feed's user
 * @param uid the event UID
 * @param kind item kind
 * @param summary title
 * @param description details
 * @param start start
 * @param end end
 * @param alarm rings
 * @param fingerprint digest of the shown content
 * @param sequence SEQUENCE (0 for the first version)
 * @param createdAt first published
 * @param lastModified last changed
 * @param cancelledAt when it left the feed (null while current)
 */
@Document(CalendarEntry.COLLECTION)
record CalendarEntry(@Id String id, String userId, String uid, FeedItem.Kind kind, String summary, String description,
		Instant start, Instant end, boolean alarm, String fingerprint, int sequence, Instant createdAt,
		Instant lastModified, Instant cancelledAt) {

	static final String COLLECTION = "calendar_entries";

	static String idOf(String userId, String uid) {
		return userId + "|" + uid;
	}

	boolean cancelled() {
		return cancelledAt != null;
	}

}
