package com.crmbot.config;

import java.util.List;

/**
 * A label (need type, industry) and the cue words that select it.
 *
 * @param id the label as stored (e.g. {@code product_inquiry})
 * @param label the label for people (e.g. 产品咨询)
 * @param cues cue words; {@code a*b} allows up to eight non-punctuation characters
 * between {@code a} and {@code b}; a leading {@code ~} marks a weak cue
 */
public record CueLabel(String id, String label, List<String> cues) {

	public CueLabel {
		cues = cues == null ? List.of() : List.copyOf(cues);
	}

}
