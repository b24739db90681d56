package com.crmbot.config;

/**
 * A validation a feature contributes (e.g. command aliases must name real commands). Runs
 * at startup and on every reload, after the built-in checks passed.
 */
@FunctionalInterface
public interface ConfigCheck {

	void check(AdminConfig config, ConfigErrors errors);

}
