package com.crmbot.calls;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.crmbot.config.CallsConfig;

/**
 * Checks who sent a call record: {@code X-Crm-Signature} = hex HMAC-SHA256 of
 * {@code <X-Crm-Timestamp>.<raw body>} with the shared secret (timestamp in Unix seconds,
 * within {@code maxSkewSeconds} of now), or {@code Authorization: Bearer <token>}.
 * Comparisons are constant-time.
 */
final class CallSignature {

	static final String SIGNATURE = "X-Crm-Signature";

	static final String TIMESTAMP = "X-Crm-Timestamp";

	private CallSignature() {
	}

	static boolean verify(CallsConfig.Auth auth, String authorization, String timestamp, String signature, byte[] body,
			Instant now) {
		if (auth.token() != null && authorization != null && authorization.startsWith("Bearer ")) {
			return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
					auth.token().getBytes(StandardCharsets.UTF_8));
		}
		if (auth.secret() == null || timestamp == null || signature == null) {
			return false;
		}
		long ts;
		try {
			ts = Long.parseLong(timestamp.strip());
		}
		catch (NumberFormatException ex) {
			return false;
		}
		if (Math.abs(now.getEpochSecond() - ts) > auth.maxSkewSeconds()) {
			return false;
		}
		String sig = signature.strip().toLowerCase(java.util.Locale.ROOT);
		if (sig.startsWith("sha256=")) {
			sig = sig.substring(7);
		}
		byte[] expected = hmac(auth.secret(), timestamp.strip(), body);
		byte[] given;
		try {
			given = HexFormat.of().parseHex(sig);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(expected, given);
	}

	static byte[] hmac(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
