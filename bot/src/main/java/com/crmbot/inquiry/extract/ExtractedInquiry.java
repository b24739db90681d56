package com.crmbot.inquiry.extract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.modulith.NamedInterface;

/**
 * What an inquiry message says, in the fields and normal forms of
 * {@code shared/inquiry/SPEC.md}. A field the text does not support is {@code null};
 * {@code objections} is never null. {@code email} is an extra field beside SPEC's ten
 * (omitted from JSON when absent).
 */
@NamedInterface("extraction")
public record ExtractedInquiry(@JsonProperty("company") String company, @JsonProperty("contact") String contact,
		@JsonProperty("title") String title, @JsonProperty("decision_maker") Boolean decisionMaker,
		@JsonProperty("phone") String phone, @JsonProperty("budget_cny") Long budgetCny,
		@JsonProperty("need_type") String needType, @JsonProperty("objections") List<String> objections,
		@JsonProperty("region") String region, @JsonProperty("industry") String industry,
		@JsonProperty("email") @JsonInclude(JsonInclude.Include.NON_NULL) String email) {

	public ExtractedInquiry {
		objections = objections == null ? List.of() : List.copyOf(objections);
	}

	/** SPEC's ten fields, without an e-mail address. */
	public ExtractedInquiry(String company, String contact, String title, Boolean decisionMaker, String phone,
			Long budgetCny, String needType, List<String> objections, String region, String industry) {
		this(company, contact, title, decisionMaker, phone, budgetCny, needType, objections, region, industry, null);
	}

	/** The same fields with an e-mail address (an extra field beside SPEC's ten). */
	public ExtractedInquiry withEmail(String address) {
		return new ExtractedInquiry(company, contact, title, decisionMaker, phone, budgetCny, needType, objections,
				region, industry, address);
	}

	/**
	 * @return the record of a text that says nothing
	 */
	public static ExtractedInquiry empty() {
		return new ExtractedInquiry(null, null, null, null, null, null, null, List.of(), null, null);
	}

}
