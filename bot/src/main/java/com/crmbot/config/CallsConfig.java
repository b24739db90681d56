package com.crmbot.config;

import java.util.List;
import java.util.Map;

/**
 * {@code config/calls.yaml} (optional): the call-centre integration ({@code POST
 * /api/calls}). Absent or {@code enabled: false}: the endpoint answers 404.
 *
 * @param enabled whether call records are accepted
 * @param auth how the call centre proves itself
 * @param fields our field → the vendor's field name (a dotted path such as
 * {@code data.callId} reaches into nested objects); unmapped fields use our names
 * @param values our value → the vendor's values, per field ({@code event},
 * {@code direction}, {@code result}), e.g. {@code direction: {inbound: [dialin, 1]}}
 * @param timeFormat how times are written: {@code iso} (ISO-8601, with or without
 * offset), {@code epoch-seconds}, {@code epoch-millis}, or a pattern such as
 * {@code yyyy-MM-dd HH:mm:ss}; times without an offset are in workflow.yaml's zone
 * @param agents the vendor's agent extension or id → a user id of org.yaml (an agent
 * value that is itself a user id needs no entry)
 * @param defaultAgent the user who gets calls with no known agent (missed calls in a
 * queue); empty: such records are refused
 * @param callbackMinutes a missed inbound call becomes a call-back task due this many
 * minutes later
 */
public record CallsConfig(boolean enabled, Auth auth, Map<String, String> fields,
		Map<String, Map<String, List<String>>> values, String timeFormat, Map<String, String> agents,
		String defaultAgent, Integer callbackMinutes) {

	/** Our field names. */
	public static final List<String> FIELDS = List.of("callId", "event", "direction", "caller", "callee", "agent",
			"ringAt", "answerAt", "endAt", "duration", "recordingUrl", "result");

	/** Our values of the enumerated fields. */
	public static final Map<String, List<String>> VALUES = Map.of("event", List.of("ringing", "ended"), "direction",
			List.of("inbound", "outbound"), "result", List.of("answered", "missed", "busy", "failed"));

	public CallsConfig {
		auth = (auth != null) ? auth : new Auth(null, null, null);
		fields = (fields != null) ? Map.copyOf(fields) : Map.of();
		values = (values != null) ? Map.copyOf(values) : Map.of();
		timeFormat = (timeFormat != null && !timeFormat.isBlank()) ? timeFormat.strip() : "iso";
		agents = (agents != null) ? Map.copyOf(agents) : Map.of();
		defaultAgent = (defaultAgent != null && !defaultAgent.isBlank()) ? defaultAgent.strip() : null;
		callbackMinutes = (callbackMinutes != null) ? callbackMinutes : 30;
	}

	public static CallsConfig disabled() {
		return new CallsConfig(false, null, null, null, null, null, null, null);
	}

	/** The vendor's name of one of our fields. */
	public String vendorField(String field) {
		String v = fields.get(field);
		return (v != null && !v.isBlank()) ? v : field;
	}

	/**
	 * How requests are authenticated: an HMAC-SHA256 signature over
	 * {@code <timestamp>.<raw body>} with {@code secret}, or a static bearer
	 * {@code token}; both only through {@code ${ENV}} placeholders.
	 *
	 * @param secret HMAC key (empty: no signature accepted)
	 * @param token static token sent as {@code Authorization: Bearer <token>} (empty: not
	 * accepted)
	 * @param maxSkewSeconds a signed request's timestamp may differ from now by at most
	 * this
	 */
	public record Auth(String secret, String token, Integer maxSkewSeconds) {

		public Auth {
			secret = (secret != null && !secret.isBlank()) ? secret : null;
			token = (token != null && !token.isBlank()) ? token : null;
			maxSkewSeconds = (maxSkewSeconds != null) ? maxSkewSeconds : 300;
		}

		@Override
		public String toString() {
			return "Auth[secret=" + ((secret != null) ? "******" : "none") + ", token="
					+ ((token != null) ? "******" : "none") + ", maxSkewSeconds=" + maxSkewSeconds + "]";
		}

	}

}
