package com.crmbot.connector.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk's HMAC signature, used both for incoming robot callbacks (key = app secret)
 * and for outgoing custom group robot webhooks (key = the robot's SEC secret):
 * {@code Base64(HmacSHA256(secret, timestamp + "\n" + secret))}.
 */
public final class DingTalkSign {

	private DingTalkSign() {
	}

	/** The signature for a timestamp (ms) and secret, Base64 (not URL-encoded). */
	public static String sign(long timestampMillis, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] raw = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(raw);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	/**
	 * Check a callback's {@code timestamp} and {@code sign} headers: the timestamp must
	 * be a number within {@code tolerance} of {@code now}, the sign must equal the
	 * expected value exactly (compared in constant time; a URL-encoded sign does not
	 * match).
	 */
	public static Verdict verify(String timestampHeader, String signHeader, String secret, Instant now,
			Duration tolerance) {
		if (timestampHeader == null || timestampHeader.isBlank() || signHeader == null || signHeader.isBlank()) {
			return Verdict.MISSING;
		}
		long ts;
		try {
			ts = Long.parseLong(timestampHeader.trim());
		}
		catch (NumberFormatException ex) {
			return Verdict.BAD_TIMESTAMP;
		}
		if (Math.abs(now.toEpochMilli() - ts) > tolerance.toMillis()) {
			return Verdict.BAD_TIMESTAMP;
		}
		byte[] expected = sign(ts, secret).getBytes(StandardCharsets.US_ASCII);
		byte[] given = signHeader.getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, given) ? Verdict.OK : Verdict.BAD_SIGN;
	}

	public enum Verdict {

		OK, MISSING, BAD_TIMESTAMP, BAD_SIGN

	}

}
