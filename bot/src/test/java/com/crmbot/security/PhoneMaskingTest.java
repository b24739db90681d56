package com.crmbot.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Log lines never carry a whole phone number. */
@ExtendWith(OutputCaptureExtension.class)
class PhoneMaskingTest {

	@Test
	void mobileNumbersInAnyNotationAreMasked() {
		assertThat(PhoneMasking.mask("GET /api/customers?q=13900001111&x=1"))
			.isEqualTo("GET /api/customers?q=139****1111&x=1");
		assertThat(PhoneMasking.mask("q=%2B8613900001111")).isEqualTo("q=139****1111");
		assertThat(PhoneMasking.mask("/find +86 139-0000-1111 和 139 0000 2222"))
			.isEqualTo("/find 139****1111 和 139****2222");
		// not phones: longer digit runs, ids, amounts
		assertThat(PhoneMasking.mask("order 213900001111 id=66f0a1b2c3 amount 300000"))
			.isEqualTo("order 213900001111 id=66f0a1b2c3 amount 300000");
		assertThat(PhoneMasking.mask(null)).isNull();
	}

	@Test
	void theLogConfigurationMasksMessagesAndStackTraces(CapturedOutput output) {
		var log = LoggerFactory.getLogger("com.crmbot.test.PhoneMasking");
		log.warn("look-up args: /find {} query=q%3D{}", "13900001111", "%2B8613900002222");
		log.warn("request failed", new IllegalArgumentException("bad query q=13900003333"));
		assertThat(output.getOut()).contains("/find 139****1111", "query=q%3D139****2222", "q=139****3333")
			.doesNotContain("13900001111")
			.doesNotContain("00002222")
			.doesNotContain("13900003333");
	}

}
