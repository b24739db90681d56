package com.crmbot.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk's callback and robot-webhook sign ({@code Base64(HmacSHA256(ts + "\n" +
 * secret))}), written with plain javax.crypto independently of the production code.
 */
public final class DingTalkTestSign {

	private DingTalkTestSign() {
	}

	public static String sign(long timestampMillis, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder()
				.encodeToString(mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
