package com.crmbot.config;

import java.util.List;
import java.util.stream.Collectors;

/** The admin configuration is invalid; lists every error found. */
public class ConfigException extends RuntimeException {

	private final List<ConfigError> errors;

	public ConfigException(List<ConfigError> errors) {
		super("Invalid configuration:\n" + errors.stream().map((e) -> "  - " + e).collect(Collectors.joining("\n")));
		this.errors = List.copyOf(errors);
	}

	public List<ConfigError> errors() {
		return errors;
	}

}
