package com.crmbot.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.crmbot.text.Emails;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * Signed unsubscribe links: {@code base64url(address).base64url(HMAC-SHA256)}, so that
 * the link works without signing in and cannot be forged for another address. The key is
 * {@code crmbot.mail.unsubscribe-secret}, or one generated once and kept in the store
 * (every instance uses the same).
 */
@Component
public class UnsubscribeTokens {

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private final byte[] key;

	private final MailProperties props;

	UnsubscribeTokens(MailProperties props, MongoTemplate mongo) {
		this.props = props;
		this.key = (props.unsubscribeSecret() != null) ? props.unsubscribeSecret().getBytes(StandardCharsets.UTF_8)
				: storedKey(mongo);
	}

	private static byte[] storedKey(MongoTemplate mongo) {
		Secret s = mongo.findById(Secret.ID, Secret.class);
		if (s == null) {
			byte[] k = new byte[32];
			new SecureRandom().nextBytes(k);
			try {
				mongo.insert(new Secret(Secret.ID, B64.encodeToString(k)));
			}
			catch (DuplicateKeyException ex) {
				// another instance created it first
			}
			s = mongo.findById(Secret.ID, Secret.class);
		}
		return Base64.getUrlDecoder().decode(s.value());
	}

	public String token(String email) {
		String addr = Emails.key(email);
		return B64.encodeToString(addr.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(mac(addr));
	}

	/** The address a token stands for, or empty when it is malformed or forged. */
	public Optional<String> verify(String token) {
		if (token == null || token.length() > 1000) {
			return Optional.empty();
		}
		int dot = token.indexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		try {
			String addr = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
			byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
			return MessageDigest.isEqual(sig, mac(addr)) ? Optional.of(addr) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** The link a mail to this address carries. */
	public String url(String email) {
		return props.baseUrl() + UnsubscribeController.PATH + "?t=" + token(email);
	}

	private byte[] mac(String addr) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(addr.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The generated key, shared by the instances. */
	@Document("settings")
	record Secret(@Id String id, String value) {

		static final String ID = "mail.unsubscribe-secret";

	}

}
