package com.crmbot.inquiry.extract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an inquiry message says, in the fields and normal forms of
 * {@code shared/inquiry/SPEC.md}. A field the text does not support is {@code null};
 * {@code objections} is never null.
 */
public record ExtractedInquiry(@JsonProperty("company") String company, @JsonProperty("contact") String contact,
		@JsonProperty("title") String title, @JsonProperty("decision_maker") Boolean decisionMaker,
		@JsonProperty("phone") String phone, @JsonProperty("budget_cny") Long budgetCny,
		@JsonProperty("need_type") String needType, @JsonProperty("objections") List<String> objections,
		@JsonProperty("region") String region, @JsonProperty("industry") String industry) {

	public ExtractedInquiry {
		objections = objections == null ? List.of() : List.copyOf(objections);
	}

	/**
	 * @return the record of a text that says nothing
	 */
	public static ExtractedInquiry empty() {
		return new ExtractedInquiry(null, null, null, null, null, null, null, List.of(), null, null);
	}

}
