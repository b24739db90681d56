package com.crmbot.inquiry.extract;

import java.nio.file.Path;
import java.util.List;

// TEMPORARY STUB (replaced by the extractor branch)
public record InquiryRules(List<CueLabel> needTypes, List<ObjectionRule> objections, List<CueLabel> industries) {
	public InquiryRules {
		needTypes = (needTypes != null) ? needTypes : List.of();
		objections = (objections != null) ? objections : List.of();
		industries = (industries != null) ? industries : List.of();
	}

	public static InquiryRules load(Path yamlFile) {
		throw new UnsupportedOperationException();
	}
}
