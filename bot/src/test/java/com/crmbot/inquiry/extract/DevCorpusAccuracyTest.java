package com.crmbot.inquiry.extract;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The headline figure of SPEC.md on the labelled dev corpus. */
class DevCorpusAccuracyTest {

	@Test
	void meanAccuracyOnTheDevCorpusIsAtLeastNinetySixPercent() throws IOException {
		MeasureExtraction.Result result = MeasureExtraction.measure(TestFiles.devCorpus(), TestFiles.extractor());
		assertThat(result.examples()).isGreaterThanOrEqualTo(210);
		assertThat(result.mean()).as("mean accuracy, misses: %s", result.misses()).isGreaterThanOrEqualTo(0.96);
		result.perField()
			.forEach((field, accuracy) -> assertThat(accuracy).as("%s, misses: %s", field, result.misses())
				.isGreaterThanOrEqualTo(0.93));
	}

}
