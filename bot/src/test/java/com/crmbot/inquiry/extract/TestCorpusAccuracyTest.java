package com.crmbot.inquiry.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extractor on the held-out test set ({@code corpus.test.jsonl}): 155 messages
 * written and committed before any tuning against them (varied writers, dialects, mixed
 * Chinese/English, voice-to-text, forwarded group messages, negations, several people in
 * one message). The floors are the figures measured when the set was written, so a change
 * that makes the extractor worse on unseen text fails here; docs/extraction.md has the
 * figures and the command.
 */
class TestCorpusAccuracyTest {

	@Test
	void theHeldOutTestSetDoesNotGetWorse() throws IOException {
		MeasureExtraction.Result result = MeasureExtraction.measure(testCorpus(), TestFiles.extractor());
		assertThat(result.examples()).isGreaterThanOrEqualTo(150);
		assertThat(result.mean()).as("mean accuracy, misses: %s", result.misses()).isGreaterThanOrEqualTo(0.90);
		result.perField()
			.forEach((field, accuracy) -> assertThat(accuracy).as("%s, misses: %s", field, result.misses())
				.isGreaterThanOrEqualTo(0.77));
	}

	static Path testCorpus() {
		String inModule = "src/test/resources/inquiry/corpus.test.jsonl";
		Path module = Path.of(inModule);
		return Files.isRegularFile(module) ? module.toAbsolutePath() : TestFiles.find("bot/" + inModule);
	}

}
