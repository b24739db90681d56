package com.crmbot.calendar;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a feed, before it is written as a VEVENT.
 *
 * @param uid stable UID (the same task is the same event in every fetch)
 * @param kind task, visit, follow-up or approval (becomes CATEGORIES)
 * @param summary the title
 * @param description the details
 * @param start when it starts
 * @param end when it ends
 * @param alarm whether it rings (urgent tasks)
 */
record FeedItem(String uid, Kind kind, String summary, String description, Instant start, Instant end, boolean alarm) {

	/** A digest of everything clients show: when it changes, SEQUENCE goes up. */
	String fingerprint() {
		return Integer.toHexString(Objects.hash(kind, summary, description, start, end, alarm));
	}

	enum Kind {

		TASK, VISIT, FOLLOW_UP, APPROVAL

	}

}
