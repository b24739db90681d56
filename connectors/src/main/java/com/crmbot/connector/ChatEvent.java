package com.crmbot.connector;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A platform event in neutral form: a button click ({@link #BUTTON_CLICKED}), a native
 * approval's status change ({@link #APPROVAL_CHANGED}), an external contact added...
 *
 * @param eventId durable identity of the event, for idempotency
 * @param platform where it came from
 * @param type one of the constants below or a platform-specific name
 * @param userId the platform user id of who caused it
 * @param at when it happened
 * @param attributes event facts (e.g. {@code key} of the clicked button)
 */
public record ChatEvent(String eventId, Platform platform, String type, String userId, Instant at,
		Map<String, String> attributes) {

	public static final String BUTTON_CLICKED = "button_clicked";

	public static final String APPROVAL_CHANGED = "approval_changed";

	public static final String CONTACT_CHANGED = "contact_changed";

	public ChatEvent {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(platform, "platform");
		Objects.requireNonNull(type, "type");
		attributes = (attributes != null) ? Map.copyOf(attributes) : Map.of();
	}

}
