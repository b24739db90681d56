package com.crmbot.mail;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.customer.Customer;

import org.springframework.stereotype.Component;

/**
 * The placeholders a customer offers to e-mail templates: customer, company, contact,
 * title, salutation, owner and owner contact, amounts, dates and every custom field.
 */
@Component
public class MailFields {

	private final ConfigService config;

	private final Clock clock;

	MailFields(ConfigService config, Clock clock) {
		this.config = config;
		this.clock = clock;
	}

	public Map<String, Object> of(Customer c) {
		AdminConfig cfg = config.get();
		Map<String, Object> v = new HashMap<>();
		NumberFormat money = NumberFormat.getIntegerInstance(Locale.CHINA);
		c.fields().forEach((k, val) -> {
			if (val != null && !(val instanceof Map) && !(val instanceof java.util.List)) {
				v.put(k, val);
			}
		});
		v.put("customer", c.name());
		v.put("company", (c.company() != null) ? c.company() : c.name());
		v.put("contact", c.contact());
		v.put("title", c.title());
		v.put("salutation", salutation(c.contact(), c.title()));
		v.put("phone", c.phone());
		v.put("email", c.fields().get("email"));
		v.put("budget", (c.budgetCny() != null) ? money.format(c.budgetCny()) : null);
		v.put("dealAmount", (c.dealAmount() != null) ? money.format(c.dealAmount()) : null);
		v.put("amount", (c.dealAmount() != null) ? money.format(c.dealAmount())
				: (c.budgetCny() != null) ? money.format(c.budgetCny()) : null);
		v.put("need", cfg.needLabel(c.needType()));
		v.put("region", c.region());
		v.put("industry", cfg.industryLabel(c.industry()));
		v.put("stage", c.stage());
		cfg.user(c.ownerId()).ifPresent((u) -> {
			v.put("owner", u.name());
			v.put("ownerPhone", u.mobile());
			v.put("ownerEmail", u.email());
		});
		LocalDate today = LocalDate.now(clock.withZone(cfg.workflow().zone()));
		v.put("date", today.toString());
		v.put("today", today.toString());
		return v;
	}

	/** How to address the contact: 王建国总经理, 陈校长 (not 陈校长校长), 李女士. */
	static String salutation(String contact, String title) {
		if (contact == null) {
			return null;
		}
		if (title == null || contact.endsWith(title)) {
			return contact;
		}
		return contact + title;
	}

}
