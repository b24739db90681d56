package com.crmbot.calls;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.CallsConfig;
import com.crmbot.config.ConfigCheck;
import com.crmbot.config.ConfigErrors;
import com.crmbot.config.ConfigLoader;

import org.springframework.stereotype.Component;

/**
 * {@code calls.yaml} must make sense: mapped fields and values are ours, agents are
 * configured users, the time format is readable, and an enabled integration has a secret
 * or a token.
 */
@Component
class CallsConfigCheck implements ConfigCheck {

	private static final Set<String> TIME_FORMATS = Set.of("iso", "epoch-seconds", "epoch-millis");

	@Override
	public void check(AdminConfig config, ConfigErrors errors) {
		CallsConfig c = config.calls();
		String f = ConfigLoader.CALLS;
		for (String field : c.fields().keySet()) {
			if (!CallsConfig.FIELDS.contains(field)) {
				errors.add(f, "fields." + field,
						"unknown field (known: " + String.join(", ", CallsConfig.FIELDS) + ")");
			}
			else if (c.fields().get(field) == null || c.fields().get(field).isBlank()) {
				errors.add(f, "fields." + field, "name the vendor's field");
			}
		}
		for (Map.Entry<String, Map<String, List<String>>> e : c.values().entrySet()) {
			List<String> ours = CallsConfig.VALUES.get(e.getKey());
			if (ours == null) {
				errors.add(f, "values." + e.getKey(),
						"only " + String.join(", ", CallsConfig.VALUES.keySet()) + " have values to map");
				continue;
			}
			for (String v : e.getValue().keySet()) {
				if (!ours.contains(v)) {
					errors.add(f, "values." + e.getKey() + "." + v,
							"unknown value (known: " + String.join(", ", ours) + ")");
				}
			}
		}
		for (Map.Entry<String, String> e : c.agents().entrySet()) {
			if (config.user(e.getValue()).isEmpty()) {
				errors.addReference(f, "agents." + e.getKey(), ConfigLoader.ORG, "unknown user '" + e.getValue() + "'");
			}
		}
		if (c.defaultAgent() != null && config.user(c.defaultAgent()).isEmpty()) {
			errors.addReference(f, "defaultAgent", ConfigLoader.ORG, "unknown user '" + c.defaultAgent() + "'");
		}
		if (!TIME_FORMATS.contains(c.timeFormat())) {
			try {
				DateTimeFormatter.ofPattern(c.timeFormat());
			}
			catch (IllegalArgumentException ex) {
				errors.add(f, "timeFormat",
						"not iso, epoch-seconds, epoch-millis or a date-time pattern: " + ex.getMessage());
			}
		}
		if (c.callbackMinutes() < 0 || c.callbackMinutes() > 7 * 24 * 60) {
			errors.add(f, "callbackMinutes", "must be between 0 and 10080");
		}
		if (c.auth().maxSkewSeconds() < 1 || c.auth().maxSkewSeconds() > 3600) {
			errors.add(f, "auth.maxSkewSeconds", "must be between 1 and 3600");
		}
		if (c.enabled() && c.auth().secret() == null && c.auth().token() == null) {
			errors.add(f, "auth",
					"an enabled integration needs auth.secret or auth.token (through ${ENV} placeholders)");
		}
	}

}
