package com.crmbot.inquiry.extract;

import com.crmbot.config.InquiryRules;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finds files of the checkout (config/, the module's test corpora) from the working
 * directory. Nothing outside the repository is read.
 */
final class TestFiles {

	private TestFiles() {
	}

	static Path rules() {
		return find("config/inquiry.yaml");
	}

	static Path devCorpus() {
		String inModule = "src/test/resources/inquiry/corpus.dev.jsonl";
		Path module = Path.of(inModule);
		return Files.isRegularFile(module) ? module.toAbsolutePath() : find("bot/" + inModule);
	}

	static Path handwritten() {
		String inModule = "src/test/java/com/crmbot/inquiry/extract/handwritten.jsonl";
		Path module = Path.of(inModule);
		return Files.isRegularFile(module) ? module.toAbsolutePath() : find("bot/" + inModule);
	}

	/**
	 * Walks up from the working directory to the checkout's root.
	 */
	static Path find(String relative) {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve(relative);
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
		}
		return fail("Cannot find " + relative + " above " + Path.of("").toAbsolutePath());
	}

	static InquiryExtractor extractor() {
		return new InquiryExtractor(InquiryRules.load(rules()));
	}

}
