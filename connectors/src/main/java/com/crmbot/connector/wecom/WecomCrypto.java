package com.crmbot.connector.wecom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.crmbot.connector.wecom.WecomCryptoException.Kind;

/**
 * WeCom callback crypto (WXBizMsgCrypt): SHA-1 signature over the sorted token,
 * timestamp, nonce and ciphertext; AES-256-CBC with IV = first 16 key bytes and PKCS#7
 * padding to 32-byte blocks; plaintext = random(16) + length(4, big endian) + message +
 * receiveid. Written here rather than taken from WxJava because WxJava does not check the
 * receiveid and silently accepts broken padding.
 */
public final class WecomCrypto {

	private static final int BLOCK = 32;

	private final String token;

	private final byte[] key;

	private final String receiveId;

	private final Random random;

	/**
	 * @param random source of the 16 random prefix bytes of outgoing ciphertexts (a
	 * {@link java.security.SecureRandom} in production)
	 */
	public WecomCrypto(String token, String encodingAesKey, String receiveId, Random random) {
		if (encodingAesKey == null || encodingAesKey.length() != 43) {
			throw new IllegalArgumentException("crmbot.wecom.encoding-aes-key must be exactly 43 characters");
		}
		byte[] k;
		try {
			k = Base64.getDecoder().decode(encodingAesKey + "=");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("crmbot.wecom.encoding-aes-key is not valid Base64");
		}
		if (k.length != 32) {
			throw new IllegalArgumentException("crmbot.wecom.encoding-aes-key must decode to 32 bytes");
		}
		this.token = token;
		this.key = k;
		this.receiveId = receiveId;
		this.random = random;
	}

	/** sha1(join(sorted([token, timestamp, nonce, encrypt]))) in lowercase hex. */
	public String signature(String timestamp, String nonce, String encrypt) {
		String[] parts = { token, timestamp, nonce, encrypt };
		Arrays.sort(parts);
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			return HexFormat.of().formatHex(sha1.digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Constant-time check of a signature. */
	public boolean verify(String msgSignature, String timestamp, String nonce, String encrypt) {
		if (msgSignature == null || timestamp == null || nonce == null || encrypt == null) {
			return false;
		}
		byte[] expected = signature(timestamp, nonce, encrypt).getBytes(StandardCharsets.US_ASCII);
		byte[] actual = msgSignature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, actual);
	}

	/** Verify the signature, then decrypt and check the receiveid. */
	public String verifyAndDecrypt(String msgSignature, String timestamp, String nonce, String encrypt)
			throws WecomCryptoException {
		if (!verify(msgSignature, timestamp, nonce, encrypt)) {
			throw new WecomCryptoException(Kind.SIGNATURE, "signature mismatch");
		}
		return decrypt(encrypt);
	}

	/**
	 * A decrypted plaintext.
	 *
	 * @param message the plaintext message
	 * @param blankReceiveId whether its receiveid was blank rather than our corp id
	 */
	public record Opened(String message, boolean blankReceiveId) {
	}

	/**
	 * Verify the signature, then decrypt; the receiveid must be our corp id or blank.
	 * WeCom encrypts a group robot's callbacks (its URL check and its message callbacks)
	 * for no corp: the caller accepts a blank receiveid only for those.
	 */
	public Opened verifyAndOpen(String msgSignature, String timestamp, String nonce, String encrypt)
			throws WecomCryptoException {
		if (!verify(msgSignature, timestamp, nonce, encrypt)) {
			throw new WecomCryptoException(Kind.SIGNATURE, "signature mismatch");
		}
		return open(encrypt, true);
	}

	/** Decrypt a ciphertext (no signature check) and check the receiveid. */
	String decrypt(String encrypt) throws WecomCryptoException {
		return open(encrypt, false).message();
	}

	private Opened open(String encrypt, boolean blankAllowed) throws WecomCryptoException {
		byte[] cipherText;
		try {
			cipherText = Base64.getDecoder().decode(encrypt);
		}
		catch (IllegalArgumentException ex) {
			throw new WecomCryptoException(Kind.MALFORMED, "ciphertext is not Base64");
		}
		if (cipherText.length == 0 || cipherText.length % 16 != 0) {
			throw new WecomCryptoException(Kind.MALFORMED, "ciphertext length " + cipherText.length);
		}
		byte[] plain;
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
					new IvParameterSpec(Arrays.copyOfRange(key, 0, 16)));
			plain = cipher.doFinal(cipherText);
		}
		catch (GeneralSecurityException ex) {
			throw new WecomCryptoException(Kind.MALFORMED, "decryption failed");
		}
		int pad = plain[plain.length - 1] & 0xff;
		if (pad < 1 || pad > BLOCK || pad > plain.length) {
			throw new WecomCryptoException(Kind.MALFORMED, "bad padding");
		}
		for (int i = plain.length - pad; i < plain.length; i++) {
			if ((plain[i] & 0xff) != pad) {
				throw new WecomCryptoException(Kind.MALFORMED, "bad padding");
			}
		}
		int end = plain.length - pad;
		if (end < 20) {
			throw new WecomCryptoException(Kind.MALFORMED, "plaintext too short");
		}
		int len = ByteBuffer.wrap(plain, 16, 4).getInt();
		if (len < 0 || len > end - 20) {
			throw new WecomCryptoException(Kind.MALFORMED, "length field past the buffer");
		}
		String msg = new String(plain, 20, len, StandardCharsets.UTF_8);
		String rid = new String(plain, 20 + len, end - 20 - len, StandardCharsets.UTF_8);
		if (blankAllowed && rid.isEmpty()) {
			return new Opened(msg, true);
		}
		if (!MessageDigest.isEqual(rid.getBytes(StandardCharsets.UTF_8), receiveId.getBytes(StandardCharsets.UTF_8))) {
			throw new WecomCryptoException(Kind.RECEIVE_ID, "receiveid is not our corpId");
		}
		return new Opened(msg, false);
	}

	/** Encrypt a message for WeCom (random prefix, our receiveid). */
	public String encrypt(String message) {
		byte[] rnd = new byte[16];
		random.nextBytes(rnd);
		return encrypt(rnd, message);
	}

	String encrypt(byte[] randomPrefix, String message) {
		byte[] msg = message.getBytes(StandardCharsets.UTF_8);
		byte[] rid = receiveId.getBytes(StandardCharsets.UTF_8);
		int unpadded = 16 + 4 + msg.length + rid.length;
		int pad = BLOCK - (unpadded % BLOCK);
		ByteBuffer buf = ByteBuffer.allocate(unpadded + pad);
		buf.put(randomPrefix, 0, 16).putInt(msg.length).put(msg).put(rid);
		for (int i = 0; i < pad; i++) {
			buf.put((byte) pad);
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
					new IvParameterSpec(Arrays.copyOfRange(key, 0, 16)));
			return Base64.getEncoder().encodeToString(cipher.doFinal(buf.array()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES encryption failed", ex);
		}
	}

	/** The passive-reply envelope around an encrypted reply XML. */
	public String encryptedReply(String replyXml, String timestamp, String nonce) {
		String encrypt = encrypt(replyXml);
		String sig = signature(timestamp, nonce, encrypt);
		return "<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt><MsgSignature><![CDATA[" + sig
				+ "]]></MsgSignature><TimeStamp>" + timestamp + "</TimeStamp><Nonce><![CDATA[" + nonce
				+ "]]></Nonce></xml>";
	}

}
