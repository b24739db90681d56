package com.crmbot.inquiry.extract;

import java.util.List;

// TEMPORARY STUB (replaced by the extractor branch)
public record CueLabel(String id, String label, List<String> cues) {
}
