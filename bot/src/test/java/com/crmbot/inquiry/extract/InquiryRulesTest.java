package com.crmbot.inquiry.extract;

import com.crmbot.config.CueLabel;
import com.crmbot.config.InquiryRules;
import com.crmbot.config.ObjectionRule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InquiryRulesTest {

	@Test
	void theShippedRulesHaveEveryLabelOfTheSpecWithItsResponse() {
		InquiryRules rules = InquiryRules.load(TestFiles.rules());
		assertThat(rules.needTypes()).extracting(CueLabel::id)
			.containsExactlyInAnyOrder("product_inquiry", "solution_comparison", "competitor_feedback", "price_quote",
					"after_sales");
		assertThat(rules.objections()).extracting(ObjectionRule::id)
			.containsExactlyInAnyOrder("budget", "price", "timing", "authority", "competitor", "trust");
		assertThat(rules.objections()).allSatisfy(o -> {
			assertThat(o.response()).isNotBlank();
			assertThat(o.cues()).isNotEmpty();
		});
		assertThat(rules.objections()).filteredOn(o -> o.id().equals("budget"))
			.singleElement()
			.satisfies(o -> assertThat(o.response()).isEqualTo("推荐分期方案 / 分阶段实施"));
		assertThat(rules.industries()).extracting(CueLabel::id)
			.containsExactlyInAnyOrder("manufacturing", "education", "healthcare", "retail", "finance", "it",
					"logistics", "real_estate", "energy", "government", "hospitality", "construction", "agriculture");
	}

	@Test
	void missingListsBecomeEmpty(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("inquiry.yaml");
		Files.writeString(file, "needTypes:\n  - id: price_quote\n    label: 报价\n");
		InquiryRules rules = InquiryRules.load(file);
		assertThat(rules.objections()).isEmpty();
		assertThat(rules.industries()).isEmpty();
		assertThat(rules.needTypes()).singleElement().satisfies(n -> assertThat(n.cues()).isEmpty());
	}

	@Test
	void aBrokenFileIsNamedInTheError(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("broken.yaml");
		Files.writeString(file, "needTypes:\n  - id: x\n    cues: [a, b\n");
		assertThatThrownBy(() -> InquiryRules.load(file)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("broken.yaml");
		Path unknown = dir.resolve("unknown.yaml");
		Files.writeString(unknown, "needTypez: []\n");
		assertThatThrownBy(() -> InquiryRules.load(unknown)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("unknown.yaml");
		Path noId = dir.resolve("noid.yaml");
		Files.writeString(noId, "objections:\n  - label: 价格偏高\n    cues: [太贵]\n");
		assertThatThrownBy(() -> InquiryRules.load(noId)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("noid.yaml");
		assertThatThrownBy(() -> InquiryRules.load(dir.resolve("absent.yaml")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("absent.yaml");
	}

	@Test
	void adminCuesDriveTheLabels() {
		InquiryRules rules = new InquiryRules(List.of(new CueLabel("price_quote", "报价", List.of("开个价"))),
				List.of(new ObjectionRule("price", "价格偏高", List.of("肉疼"), "价值对比")),
				List.of(new CueLabel("agriculture", "农业", List.of("茶园"))));
		ExtractedInquiry got = new InquiryExtractor(rules).extract("我们茶园想买套设备，你给开个价，不过听说挺肉疼的");
		assertThat(got.needType()).isEqualTo("price_quote");
		assertThat(got.objections()).containsExactly("price");
		assertThat(got.industry()).isEqualTo("agriculture");
	}

}
