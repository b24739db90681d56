package com.crmbot.security;

import com.crmbot.security.SecuritySettings.Trial;
import com.crmbot.store.StoreProperties.Mode;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** When trial mode is on, and which requests it admits. */
class TrialModeTest {

	@Test
	void onOnlyForTheEmbeddedDefaultsOnLoopback() {
		assertThat(TrialMode.decide(Trial.AUTO, Mode.EMBEDDED, null, false, false, "127.0.0.1", null)).isTrue();
		assertThat(TrialMode.decide(Trial.AUTO, Mode.EMBEDDED, null, false, false, "::1", null)).isTrue();
		assertThat(TrialMode.decide(Trial.AUTO, Mode.EMBEDDED, null, false, false, "localhost", null)).isTrue();
		assertThat(TrialMode.decide(Trial.OFF, Mode.EMBEDDED, null, false, false, "127.0.0.1", null)).isFalse();
		assertThat(TrialMode.decide(Trial.AUTO, Mode.EMBEDDED, null, true, false, "127.0.0.1", null))
			.as("WeCom enabled")
			.isFalse();
		assertThat(TrialMode.decide(Trial.AUTO, Mode.EMBEDDED, null, false, true, "127.0.0.1", null))
			.as("DingTalk enabled")
			.isFalse();
		assertThat(TrialMode.decide(Trial.AUTO, Mode.EMBEDDED, null, false, false, null, null)).as("all interfaces")
			.isFalse();
		assertThat(TrialMode.decide(Trial.AUTO, Mode.EMBEDDED, null, false, false, "0.0.0.0", null)).isFalse();
		assertThat(TrialMode.decide(Trial.AUTO, Mode.EMBEDDED, null, false, false, "192.0.2.2", null)).isFalse();
		assertThat(TrialMode.decide(Trial.AUTO, Mode.FLAPDOODLE, null, false, false, "127.0.0.1", null)).isFalse();
		assertThat(TrialMode.decide(Trial.AUTO, Mode.EMBEDDED, "mongodb://db/crm", false, false, "127.0.0.1", null))
			.isFalse();
		assertThat(TrialMode.decide(Trial.AUTO, Mode.EMBEDDED, null, false, false, "127.0.0.1", "native"))
			.as("forwarded headers trusted")
			.isFalse();
	}

	@Test
	void admitsOnlyALoopbackPeerNamingTheMachineWithoutAProxy() {
		assertThat(TrialMode.admitsRequest(request("127.0.0.1", "localhost"))).isTrue();
		assertThat(TrialMode.admitsRequest(request("0:0:0:0:0:0:0:1", "[::1]"))).isTrue();
		assertThat(TrialMode.admitsRequest(request("192.0.2.2", "localhost"))).as("network peer").isFalse();
		MockHttpServletRequest spoofed = request("203.0.113.7", "127.0.0.1");
		spoofed.addHeader("X-Forwarded-For", "127.0.0.1");
		assertThat(TrialMode.admitsRequest(spoofed)).as("X-Forwarded-For is never trusted").isFalse();
		MockHttpServletRequest proxied = request("127.0.0.1", "127.0.0.1");
		proxied.addHeader("X-Forwarded-For", "203.0.113.7");
		assertThat(TrialMode.admitsRequest(proxied)).as("through a proxy on the machine").isFalse();
		MockHttpServletRequest forwarded = request("127.0.0.1", "127.0.0.1");
		forwarded.addHeader("Forwarded", "for=203.0.113.7");
		assertThat(TrialMode.admitsRequest(forwarded)).isFalse();
		assertThat(TrialMode.admitsRequest(request("127.0.0.1", "evil.example"))).as("DNS rebinding").isFalse();
	}

	private static MockHttpServletRequest request(String remote, String host) {
		MockHttpServletRequest r = new MockHttpServletRequest("GET", "/login");
		r.setRemoteAddr(remote);
		r.setServerName(host);
		return r;
	}

}
