package com.crmbot.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The admin-editable rules of inquiry extraction ({@code config/inquiry.yaml}). Order
 * matters: the first need type and the first industry whose cue matches win.
 */
public record InquiryRules(List<CueLabel> needTypes, List<ObjectionRule> objections, List<CueLabel> industries) {

	public InquiryRules {
		needTypes = needTypes == null ? List.of() : List.copyOf(needTypes);
		objections = objections == null ? List.of() : List.copyOf(objections);
		industries = industries == null ? List.of() : List.copyOf(industries);
	}

	/**
	 * @param yamlFile the rules file
	 * @return the rules
	 * @throws IllegalArgumentException naming the file (and line, when known) if it
	 * cannot be read or does not have the expected shape
	 */
	public static InquiryRules load(Path yamlFile) {
		String yaml;
		try {
			yaml = Files.readString(yamlFile);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read inquiry rules " + yamlFile + ": " + ex.getMessage(), ex);
		}
		try {
			YAMLMapper mapper = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
			InquiryRules rules = mapper.readValue(yaml, InquiryRules.class);
			if (rules == null) {
				throw new IllegalArgumentException("Inquiry rules " + yamlFile + " are empty");
			}
			rules.validate(yamlFile);
			return rules;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Invalid inquiry rules " + yamlFile + ": " + ex.getOriginalMessage()
					+ (ex.getLocation() != null ? " (line " + ex.getLocation().getLineNr() + ")" : ""), ex);
		}
	}

	private void validate(Path file) {
		for (CueLabel need : needTypes) {
			requireId(file, "needTypes", need.id());
		}
		for (ObjectionRule objection : objections) {
			requireId(file, "objections", objection.id());
		}
		for (CueLabel industry : industries) {
			requireId(file, "industries", industry.id());
		}
	}

	private static void requireId(Path file, String list, String id) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException(
					"Invalid inquiry rules " + file + ": an entry of " + list + " has no id");
		}
	}

}
