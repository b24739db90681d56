package com.crmbot.connector.dingtalk;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign vectors of DINGTALK.md §1 and the verification rules. */
class DingTalkSignTest {

	@Test
	void vectorsFromTheProtocolNotes() {
		assertThat(DingTalkSign.sign(1577262236757L, "this is secret"))
			.isEqualTo("hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=");
		assertThat(DingTalkSign.sign(1690362102194L, "SEC0123456789abcdef"))
			.isEqualTo("4JqpsfB+DjzecWdalBdBEj8RcFFkqCx5yL822pjfumk=");
	}

	@Test
	void verification() {
		Instant now = Instant.ofEpochMilli(1690362102194L);
		Duration hour = Duration.ofHours(1);
		String sign = "4JqpsfB+DjzecWdalBdBEj8RcFFkqCx5yL822pjfumk=";
		assertThat(DingTalkSign.verify("1690362102194", sign, "SEC0123456789abcdef", now, hour))
			.isEqualTo(DingTalkSign.Verdict.OK);
		assertThat(DingTalkSign.verify("1690362102194", sign, "SEC0123456789abcdef", now.plus(Duration.ofMinutes(61)),
				hour))
			.isEqualTo(DingTalkSign.Verdict.BAD_TIMESTAMP);
		assertThat(DingTalkSign.verify("1690362102194", "4JqpsfB%2BDjzecWdalBdBEj8RcFFkqCx5yL822pjfumk%3D",
				"SEC0123456789abcdef", now, hour))
			.isEqualTo(DingTalkSign.Verdict.BAD_SIGN);
		assertThat(DingTalkSign.verify("1690362102194", sign, "another", now, hour))
			.isEqualTo(DingTalkSign.Verdict.BAD_SIGN);
		assertThat(DingTalkSign.verify(null, sign, "SEC0123456789abcdef", now, hour))
			.isEqualTo(DingTalkSign.Verdict.MISSING);
		assertThat(DingTalkSign.verify("1690362102194", "", "SEC0123456789abcdef", now, hour))
			.isEqualTo(DingTalkSign.Verdict.MISSING);
		assertThat(DingTalkSign.verify("yesterday", sign, "SEC0123456789abcdef", now, hour))
			.isEqualTo(DingTalkSign.Verdict.BAD_TIMESTAMP);
	}

	@Test
	void leadingMentionIsStripped() {
		assertThat(DingTalkMapper.stripMention(" @bot /help")).isEqualTo("/help");
		assertThat(DingTalkMapper.stripMention("  /help ")).isEqualTo("/help");
		assertThat(DingTalkMapper.stripMention("@crm-bot")).isEmpty();
		assertThat(DingTalkMapper.stripMention("客户 @张三 跟进")).isEqualTo("客户 @张三 跟进");
	}

}
