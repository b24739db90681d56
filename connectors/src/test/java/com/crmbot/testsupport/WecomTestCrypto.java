package com.crmbot.testsupport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tests' own, independent implementation of Tencent's published callback algorithm
 * (plain javax.crypto; shares no code with the production WecomCrypto), used to build
 * callbacks and to read passive replies.
 */
public final class WecomTestCrypto {

	public final String token;

	public final byte[] key;

	public final String corpId;

	public WecomTestCrypto(String token, String encodingAesKey, String corpId) {
		this.token = token;
		this.key = Base64.getDecoder().decode(encodingAesKey + "=");
		this.corpId = corpId;
	}

	public String sign(String timestamp, String nonce, String encrypt) throws Exception {
		String[] a = { token, timestamp, nonce, encrypt };
		Arrays.sort(a);
		StringBuilder sb = new StringBuilder();
		for (String s : a) {
			sb.append(s);
		}
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-1").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
	}

	public String encrypt(String msg) throws Exception {
		return encrypt(msg, corpId);
	}

	public String encrypt(String msg, String receiveId) throws Exception {
		byte[] rnd = new byte[16];
		ThreadLocalRandom.current().nextBytes(rnd);
		byte[] m = msg.getBytes(StandardCharsets.UTF_8);
		byte[] r = receiveId.getBytes(StandardCharsets.UTF_8);
		ByteBuffer b = ByteBuffer.allocate(20 + m.length + r.length);
		b.put(rnd).putInt(m.length).put(m).put(r);
		return rawEncrypt(pkcs7(b.array(), 32));
	}

	public static byte[] pkcs7(byte[] data, int block) {
		int pad = block - data.length % block;
		byte[] out = Arrays.copyOf(data, data.length + pad);
		Arrays.fill(out, data.length, out.length, (byte) pad);
		return out;
	}

	/** AES-256-CBC, IV = key[0..16], no padding added (caller provides whole blocks). */
	public String rawEncrypt(byte[] plain) throws Exception {
		Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
		c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
		return Base64.getEncoder().encodeToString(c.doFinal(plain));
	}

	/** Returns {message, receiveId}. */
	public String[] decrypt(String b64) throws Exception {
		Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
		c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
		byte[] p = c.doFinal(Base64.getDecoder().decode(b64));
		int pad = p[p.length - 1];
		int len = ByteBuffer.wrap(p, 16, 4).getInt();
		return new String[] { new String(p, 20, len, StandardCharsets.UTF_8),
				new String(p, 20 + len, p.length - pad - 20 - len, StandardCharsets.UTF_8) };
	}

	/** A signed POST callback: {query, body}. */
	public String[] callback(String innerXml, String timestamp, String nonce) throws Exception {
		String enc = encrypt(innerXml);
		return envelope(enc, timestamp, nonce);
	}

	public String[] envelope(String enc, String timestamp, String nonce) throws Exception {
		String sig = sign(timestamp, nonce, enc);
		String query = "msg_signature=" + sig + "&timestamp=" + timestamp + "&nonce=" + nonce;
		String body = "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><Encrypt><![CDATA[" + enc
				+ "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
		return new String[] { query, body };
	}

}
