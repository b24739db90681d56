package com.crmbot.inquiry.extract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

// TEMPORARY STUB (replaced by the extractor branch)
public record ExtractedInquiry(String company, String contact, String title,
		@JsonProperty("decision_maker") Boolean decisionMaker, String phone, @JsonProperty("budget_cny") Long budgetCny,
		@JsonProperty("need_type") String needType, List<String> objections, String region, String industry) {
	public ExtractedInquiry {
		objections = (objections != null) ? List.copyOf(objections) : List.of();
	}
}
