package com.crmbot.calendar;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An invitation e-mailed for a visit; a reschedule sends an update with the next
 * SEQUENCE.
 *
 * @param id the task id
 * @param attendee the customer's e-mail address
 * @param sequence SEQUENCE of the last invitation sent
 * @param sentAt when it was last sent
 */
@Document(CalendarInvite.COLLECTION)
record CalendarInvite(@Id String id, String attendee, int sequence, Instant sentAt) {

	static final String COLLECTION = "calendar_invites";

}
