package com.crmbot.inquiry.extract;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finds files of the checkout (config/) and beside it (shared/) from the working
 * directory.
 */
final class TestFiles {

	private TestFiles() {
	}

	static Path rules() {
		return find("config/inquiry.yaml");
	}

	static Path devCorpus() {
		return find("shared/inquiry/corpus.dev.jsonl");
	}

	static Path handwritten() {
		String inModule = "src/test/java/com/crmbot/inquiry/extract/handwritten.jsonl";
		Path module = Path.of(inModule);
		return Files.isRegularFile(module) ? module.toAbsolutePath() : find("bot/" + inModule);
	}

	/**
	 * Walks up from the working directory; /work/shared is the shared folder on the build
	 * machines.
	 */
	static Path find(String relative) {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve(relative);
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
		}
		Path work = Path.of("/work").resolve(relative);
		if (Files.isRegularFile(work)) {
			return work;
		}
		return fail("Cannot find " + relative + " above " + Path.of("").toAbsolutePath() + " nor under /work");
	}

	static InquiryExtractor extractor() {
		return new InquiryExtractor(InquiryRules.load(rules()));
	}

}
