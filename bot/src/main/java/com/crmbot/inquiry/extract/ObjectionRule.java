package com.crmbot.inquiry.extract;

import java.util.List;

// TEMPORARY STUB (replaced by the extractor branch)
public record ObjectionRule(String id, String label, List<String> cues, String response) {
}
