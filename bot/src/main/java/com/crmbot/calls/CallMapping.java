package com.crmbot.calls;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.crmbot.config.CallsConfig;
import tools.jackson.databind.JsonNode;

/**
 * Reads a vendor's JSON into a {@link CallRecord} with {@code calls.yaml}'s field names,
 * value synonyms and time format. Anything missing or unreadable is a {@link BadCall}
 * (400) naming the vendor's field.
 */
final class CallMapping {

	private final CallsConfig config;

	private final ZoneId zone;

	CallMapping(CallsConfig config, ZoneId zone) {
		this.config = config;
		this.zone = zone;
	}

	CallRecord read(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new BadCall(400, "body must be a JSON object");
		}
		String callId = text(body, "callId");
		if (callId == null) {
			throw bad("callId", "is required");
		}
		if (callId.length() > 128) {
			throw bad("callId", "is longer than 128 characters");
		}
		String event = value(body, "event");
		event = (event != null) ? event : "ended";
		String direction = value(body, "direction");
		if (direction == null) {
			throw bad("direction", "is required (inbound or outbound)");
		}
		String caller = text(body, "caller");
		String callee = text(body, "callee");
		if (caller == null && callee == null) {
			throw bad("caller", "caller or callee is required");
		}
		Integer duration = null;
		String d = text(body, "duration");
		if (d != null) {
			try {
				duration = (int) Math.round(Double.parseDouble(d));
			}
			catch (NumberFormatException ex) {
				throw bad("duration", "not a number of seconds: '" + d + "'");
			}
			if (duration < 0) {
				throw bad("duration", "must not be negative");
			}
		}
		String recording = text(body, "recordingUrl");
		if (recording != null && !recording.matches("(?i)https?://\\S+")) {
			throw bad("recordingUrl", "must be an http(s) URL");
		}
		return new CallRecord(callId, event, direction, caller, callee, text(body, "agent"), time(body, "ringAt"),
				time(body, "answerAt"), time(body, "endAt"), duration, recording, value(body, "result"));
	}

	private BadCall bad(String field, String message) {
		return new BadCall(400, "field '" + config.vendorField(field) + "' " + message);
	}

	private String text(JsonNode body, String field) {
		JsonNode n = body;
		for (String part : config.vendorField(field).split("\\.")) {
			n = (n != null && n.isObject()) ? n.get(part) : null;
		}
		if (n == null || n.isNull() || n.isContainer()) {
			return null;
		}
		String s = n.asString().strip();
		return s.isEmpty() ? null : s;
	}

	/** An enumerated field: the vendor's value mapped to ours (ours accepted as is). */
	private String value(JsonNode body, String field) {
		String raw = text(body, field);
		if (raw == null) {
			return null;
		}
		List<String> ours = CallsConfig.VALUES.get(field);
		Map<String, List<String>> synonyms = config.values().getOrDefault(field, Map.of());
		for (Map.Entry<String, List<String>> e : synonyms.entrySet()) {
			for (String v : e.getValue()) {
				if (v.equalsIgnoreCase(raw)) {
					return e.getKey();
				}
			}
		}
		String lower = raw.toLowerCase(Locale.ROOT);
		if (ours.contains(lower)) {
			return lower;
		}
		throw bad(field, "unknown value '" + raw + "' (known: " + String.join(", ", ours)
				+ (synonyms.isEmpty() ? "" : ", or as mapped in calls.yaml values." + field) + ")");
	}

	private Instant time(JsonNode body, String field) {
		String raw = text(body, field);
		if (raw == null) {
			return null;
		}
		try {
			return switch (config.timeFormat()) {
				case "epoch-seconds" -> Instant.ofEpochSecond(Long.parseLong(raw));
				case "epoch-millis" -> Instant.ofEpochMilli(Long.parseLong(raw));
				case "iso" -> iso(raw);
				default ->
					LocalDateTime.parse(raw, DateTimeFormatter.ofPattern(config.timeFormat())).atZone(zone).toInstant();
			};
		}
		catch (DateTimeException | NumberFormatException ex) {
			throw bad(field, "not a time in format " + config.timeFormat() + ": '" + raw + "'");
		}
	}

	private Instant iso(String raw) {
		try {
			return OffsetDateTime.parse(raw).toInstant();
		}
		catch (DateTimeException ex) {
			return LocalDateTime.parse(raw.replace(' ', 'T')).atZone(zone).toInstant();
		}
	}

}
