package com.crmbot.inquiry.extract;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second labelled set, {@code handwritten.jsonl} beside this class: 63 messages written
 * and labelled by hand (labels fixed before the extractor was run on them), with cities,
 * names and formats absent from the dev corpus. Guards generality, not only the dev
 * figure.
 */
class HandwrittenCorpusAccuracyTest {

	@Test
	void meanAccuracyOnHandwrittenMessagesIsAtLeastNinetyPercent() throws IOException {
		MeasureExtraction.Result result = MeasureExtraction.measure(TestFiles.handwritten(), TestFiles.extractor());
		assertThat(result.examples()).isEqualTo(63);
		assertThat(result.mean()).as("mean accuracy, misses: %s", result.misses()).isGreaterThanOrEqualTo(0.90);
	}

}
