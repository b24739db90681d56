package com.crmbot.pipeline;

import java.util.List;
import java.util.function.Predicate;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigCheck;
import com.crmbot.config.ConfigErrors;
import com.crmbot.config.ConfigLoader;
import com.crmbot.config.CustomerConfig;
import com.crmbot.template.TemplateService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Stage triggers must be complete: a task or legal review needs a title, send_templates
 * needs templates that exist under templates/tpl.
 */
@Component
class StageConfigCheck implements ConfigCheck {

	private final Predicate<String> templateExists;

	@Autowired
	StageConfigCheck(TemplateService templates) {
		this(templates::slashTemplateExists);
	}

	StageConfigCheck(Predicate<String> templateExists) {
		this.templateExists = templateExists;
	}

	@Override
	public void check(AdminConfig config, ConfigErrors errors) {
		List<CustomerConfig.Stage> stages = config.customers().stages();
		for (int i = 0; i < stages.size(); i++) {
			List<CustomerConfig.Trigger> triggers = stages.get(i).onEnter();
			for (int j = 0; j < triggers.size(); j++) {
				CustomerConfig.Trigger t = triggers.get(j);
				String p = "stages[" + i + "].onEnter[" + j + "]";
				if ("task".equals(t.type()) && (t.title() == null || t.title().isBlank())) {
					errors.add(ConfigLoader.CUSTOMERS, p + ".title", "a task trigger needs a title");
				}
				if ("send_templates".equals(t.type())) {
					if (t.templates().isEmpty()) {
						errors.add(ConfigLoader.CUSTOMERS, p + ".templates", "name at least one template");
					}
					for (int k = 0; k < t.templates().size(); k++) {
						if (!templateExists.test(t.templates().get(k))) {
							errors.add(ConfigLoader.CUSTOMERS, p + ".templates[" + k + "]",
									"no template templates/tpl/" + t.templates().get(k) + ".txt");
						}
					}
				}
				String gate = t.gate();
				if (gate != null && config.customers().stages().stream().noneMatch((s) -> s.id().equals(gate))) {
					errors.add(ConfigLoader.CUSTOMERS, p + ".gate", "unknown stage '" + gate + "'");
				}
				if (t.dueDays() != null && t.dueDays() < 0) {
					errors.add(ConfigLoader.CUSTOMERS, p + ".dueDays", "must not be negative");
				}
			}
		}
	}

}
