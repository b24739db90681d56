package com.crmbot.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {

	@Test
	void fullWidthBecomesHalfWidth() {
		assertThat(TextNormalizer.normalize("１８９１９７９７９８３")).isEqualTo("18919797983");
		assertThat(TextNormalizer.normalize("ＡＢＣ：（中国）")).isEqualTo("ABC:(中国)");
		assertThat(TextNormalizer.normalize("预算￥１，５００，０００元")).isEqualTo("预算¥1,500,000元");
		assertThat(TextNormalizer.normalize("王\u3000总")).isEqualTo("王 总");
	}

	@Test
	void invisibleAndControlCharactersAreDropped() {
		assertThat(TextNormalizer.normalize("\uFEFF苏州\u200B恒通\u200D\u0007")).isEqualTo("苏州恒通");
		assertThat(TextNormalizer.normalize("a\tb\nc")).isEqualTo("a\tb\nc");
		assertThat(TextNormalizer.normalize("a\r\nb")).isEqualTo("a\nb");
	}

	@Test
	void chineseTextIsKept() {
		assertThat(TextNormalizer.normalize("你好，世界。")).isEqualTo("你好,世界。");
		assertThat(TextNormalizer.normalize(null)).isNull();
	}

}
