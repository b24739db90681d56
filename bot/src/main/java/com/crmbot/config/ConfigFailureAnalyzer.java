package com.crmbot.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid admin configuration into a short startup message instead of a trace.
 */
class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the file(s) under config/ at the line(s) named above, then start crm-bot again.", cause);
	}

}
