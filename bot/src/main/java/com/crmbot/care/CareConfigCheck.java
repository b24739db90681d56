package com.crmbot.care;

import java.util.HashSet;
import java.util.Set;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigCheck;
import com.crmbot.config.ConfigErrors;
import com.crmbot.config.ConfigLoader;
import com.crmbot.config.CustomerConfig;
import com.crmbot.scoring.Condition;
import org.quartz.CronExpression;

import org.springframework.stereotype.Component;

/** customers.yaml's dormancy rules and workflow.yaml's care crons must be readable. */
@Component
class CareConfigCheck implements ConfigCheck {

	@Override
	public void check(AdminConfig config, ConfigErrors errors) {
		CustomerConfig cc = config.customers();
		Set<String> known = new HashSet<>(Condition.FACTS);
		known.addAll(DormancyService.FACTS);
		cc.coreFields().forEach((f) -> known.add(f.id()));
		cc.industryFields().values().forEach((l) -> l.forEach((f) -> known.add(f.id())));
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < cc.dormancy().size(); i++) {
			CustomerConfig.DormancyRule r = cc.dormancy().get(i);
			String p = "dormancy[" + i + "]";
			if (r.id() == null || r.id().isBlank()) {
				errors.add(ConfigLoader.CUSTOMERS, p + ".id", "is required");
			}
			else if (!ids.add(r.id())) {
				errors.add(ConfigLoader.CUSTOMERS, p + ".id", "duplicate id '" + r.id() + "'");
			}
			if (r.label() == null || r.label().isBlank()) {
				errors.add(ConfigLoader.CUSTOMERS, p + ".label", "is required (shown by /dormant and in care tasks)");
			}
			try {
				for (String id : Condition.parse(r.when()).identifiers()) {
					if (!known.contains(id)) {
						errors.add(ConfigLoader.CUSTOMERS, p + ".when",
								"unknown fact or field '" + id + "' (known: " + new java.util.TreeSet<>(known) + ")");
					}
				}
			}
			catch (IllegalArgumentException ex) {
				errors.add(ConfigLoader.CUSTOMERS, p + ".when", ex.getMessage());
			}
		}
		var care = config.workflow().care();
		cron(errors, "care.nightlyCron", care.nightlyCron());
		cron(errors, "care.campaignCron", care.campaignCron());
		cron(errors, "review.weeklyCron", config.workflow().review().weeklyCron());
		if (config.workflow().review().catchUpHours() < 0) {
			errors.add(ConfigLoader.WORKFLOW, "review.catchUpHours", "must be 0 or more");
		}
		if (care.couponValidDays() < 1) {
			errors.add(ConfigLoader.WORKFLOW, "care.couponValidDays", "must be at least 1");
		}
		if (care.taskDueDays() < 0) {
			errors.add(ConfigLoader.WORKFLOW, "care.taskDueDays", "must be 0 or more");
		}
	}

	private static void cron(ConfigErrors errors, String path, String cron) {
		if (!CronExpression.isValidExpression(cron)) {
			errors.add(ConfigLoader.WORKFLOW, path,
					"'" + cron + "' is not a Quartz cron expression (e.g. \"0 0 10 1 * ?\" = the 1st at 10:00)");
		}
	}

}
