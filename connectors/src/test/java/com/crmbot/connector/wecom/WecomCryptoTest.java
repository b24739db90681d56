package com.crmbot.connector.wecom;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import com.crmbot.testsupport.WecomTestCrypto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production crypto against the official vectors and the tests' own implementation.
 */
class WecomCryptoTest {

	@Test
	void v3DeterministicEncryption() {
		WecomCrypto c = new WecomCrypto("t", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6",
				new SecureRandom());
		assertThat(c.encrypt("aaaabbbbccccdddd".getBytes(StandardCharsets.UTF_8), "我是中文abcd123"))
			.isEqualTo("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==");
	}

	@Test
	void v1SignatureAndMessage() throws Exception {
		WecomCrypto c = new WecomCrypto("hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
				"6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt", "ww1436e0e65a779aee", new SecureRandom());
		String xml = c.verifyAndDecrypt("0c3914025cb4b4d68103f6bfc8db550f79dcf48e", "1476422779", "1597212914",
				WecomCallbackTest.V1_ENCRYPT);
		assertThat(xml).isEqualTo(
				"<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>");
	}

	@Test
	void roundTripsWithTheIndependentTestImplementation() throws Exception {
		WecomTestCrypto tc = new WecomTestCrypto("tok", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wwcorp");
		WecomCrypto c = new WecomCrypto("tok", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wwcorp",
				new SecureRandom());
		for (String msg : new String[] { "", "a", "x".repeat(11), "中文".repeat(100) }) {
			String enc = tc.encrypt(msg);
			assertThat(c.verifyAndDecrypt(tc.sign("1", "2", enc), "1", "2", enc)).isEqualTo(msg);
			assertThat(tc.decrypt(c.encrypt(msg))).containsExactly(msg, "wwcorp");
		}
	}

	@Test
	void badKeysAreStartupErrorsNamingTheKey() {
		assertThatThrownBy(() -> new WecomCrypto("t", "short", "c", new SecureRandom()))
			.hasMessageContaining("encoding-aes-key");
	}

	@Test
	void wrongSignatureIsNeverDecrypted() {
		WecomCrypto c = new WecomCrypto("tok", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wwcorp",
				new SecureRandom());
		assertThatThrownBy(() -> c.verifyAndDecrypt("00", "1", "2", "garbage")).isInstanceOfSatisfying(
				WecomCryptoException.class, (e) -> assertThat(e.kind()).isEqualTo(WecomCryptoException.Kind.SIGNATURE));
	}

}
