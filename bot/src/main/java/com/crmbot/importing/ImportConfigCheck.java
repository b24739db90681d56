package com.crmbot.importing;

import java.util.HashSet;
import java.util.Set;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigCheck;
import com.crmbot.config.ConfigErrors;
import com.crmbot.config.ConfigLoader;

import org.springframework.stereotype.Component;

/**
 * {@code importHeaders} must name known targets; {@code importSyncRows} must be positive.
 */
@Component
class ImportConfigCheck implements ConfigCheck {

	@Override
	public void check(AdminConfig config, ConfigErrors errors) {
		Set<String> targets = new HashSet<>(LeadRows.BUILT_IN.keySet());
		config.customers().coreFields().forEach((f) -> targets.add(f.id()));
		config.customers().industryFields().values().forEach((l) -> l.forEach((f) -> targets.add(f.id())));
		config.customers().importHeaders().forEach((target, names) -> {
			if (!targets.contains(target)) {
				errors.add(ConfigLoader.CUSTOMERS, "importHeaders." + target,
						"unknown import target '" + target + "' (known: " + new java.util.TreeSet<>(targets) + ")");
			}
		});
		if (config.customers().importSyncRows() < 1) {
			errors.add(ConfigLoader.CUSTOMERS, "importSyncRows", "must be at least 1");
		}
	}

}
