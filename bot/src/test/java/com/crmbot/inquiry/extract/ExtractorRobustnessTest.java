package com.crmbot.inquiry.extract;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** extract() never throws, whatever the text. */
class ExtractorRobustnessTest {

	private static final String ALPHABET = "王李张陈刘总经理老师有限公司集团学校医院银行局中心的是了说想预算万亿千百十五三一两"
			+ "0123456789０１２３+-()（）.,，。：:;；？！ ·—¥￥kKwW\u200B\uFEFF\nabcXYZ苏州浦东顺德北京叫品牌一家报价太贵明年";

	@Test
	void randomTextNeverBreaksTheExtractor() {
		InquiryExtractor extractor = TestFiles.extractor();
		Random random = new Random(20240501L);
		for (int n = 0; n < 3000; n++) {
			int length = random.nextInt(120);
			StringBuilder text = new StringBuilder(length);
			for (int i = 0; i < length; i++) {
				text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
			}
			ExtractedInquiry got = extractor.extract(text.toString());
			assertThat(got).as(text.toString()).isNotNull();
			assertThat(got.objections()).isNotNull();
			if (got.phone() != null) {
				assertThat(got.phone()).matches("\\+86\\d{9,11}");
			}
			if (got.budgetCny() != null) {
				assertThat(got.budgetCny()).isNotNegative();
			}
		}
	}

	@Test
	void longTextIsHandled() {
		String text = "苏州恒通精密机械有限公司的王建国总经理来电，想了解MES系统，预算大概50万。".repeat(400);
		ExtractedInquiry got = TestFiles.extractor().extract(text);
		assertThat(got.company()).isEqualTo("苏州恒通精密机械有限公司");
		assertThat(got.budgetCny()).isEqualTo(500_000L);
	}

}
