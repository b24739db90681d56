package com.crmbot.config;

import java.util.List;

/**
 * An objection label, its cue words and the response recommended to the rep.
 *
 * @param id the label as stored (e.g. {@code price})
 * @param label the label for people (e.g. 价格偏高)
 * @param cues cue words, same syntax as {@link CueLabel#cues()}
 * @param response the default recommended response
 */
public record ObjectionRule(String id, String label, List<String> cues, String response) {

	public ObjectionRule {
		cues = cues == null ? List.of() : List.copyOf(cues);
	}

}
