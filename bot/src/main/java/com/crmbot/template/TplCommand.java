package com.crmbot.template;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.crmbot.access.AccessPolicy;
import com.crmbot.command.Args;
import com.crmbot.command.Command;
import com.crmbot.command.CommandContext;
import com.crmbot.command.CommandSpec;
import com.crmbot.command.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerLookup;

import org.springframework.stereotype.Component;

/**
 * {@code /tpl} lists the "/" templates; {@code /tpl <模板> <客户>} fills one with the
 * customer's fields. Fields without a value are named to the user and shown as a gap.
 */
@Component
public class TplCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("tpl", List.of("模板"), "[<模板> <客户>]",
			"列出模板，或用客户信息填写模板（如报价单、异议话术）", "list templates, or fill one with a customer's fields", Permission.USER);

	private final TemplateService templates;

	private final CustomerLookup lookup;

	private final ConfigService config;

	private final AccessPolicy access;

	private final Clock clock;

	TplCommand(TemplateService templates, CustomerLookup lookup, ConfigService config, AccessPolicy access,
			Clock clock) {
		this.templates = templates;
		this.lookup = lookup;
		this.config = config;
		this.access = access;
		this.clock = clock;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> tokens = ctx.tokens();
		if (tokens.isEmpty()) {
			String list = templates.slashTemplates().stream().map((t) -> "• " + t).collect(Collectors.joining("\n"));
			return ctx.say("tpl-list", Map.of("templates", list));
		}
		String name = tokens.get(0);
		if (!templates.slashTemplateExists(name)) {
			return ctx.say("tpl-unknown",
					Map.of("template", name, "templates", String.join(", ", templates.slashTemplates())));
		}
		if (tokens.size() < 2) {
			return ctx.usage();
		}
		CustomerLookup.Result r = lookup.find(ctx, Args.rest(ctx.args(), 1));
		if (!r.found()) {
			return r.replies();
		}
		TemplateService.Rendered out = templates.slash(name, fields(r.customer(), ctx));
		List<Reply> replies = new java.util.ArrayList<>();
		replies.add(Reply.text(out.text()));
		if (!out.missing().isEmpty()) {
			replies.add(ctx.reply("tpl-missing", Map.of("template", name, "fields", String.join(", ", out.missing()))));
		}
		return replies;
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

	/** The placeholders a customer offers to "/" templates. */
	public Map<String, Object> fields(Customer c, CommandContext ctx) {
		Map<String, Object> v = new HashMap<>();
		NumberFormat money = NumberFormat.getIntegerInstance(Locale.CHINA);
		v.put("customer", c.name());
		v.put("company", c.company());
		v.put("contact", c.contact());
		v.put("title", c.title());
		v.put("phone", c.phone());
		v.put("budget", (c.budgetCny() != null) ? money.format(c.budgetCny()) : null);
		v.put("need", config.get().needLabel(c.needType()));
		v.put("region", c.region());
		v.put("industry", config.get().industryLabel(c.industry()));
		v.put("salutation", salutation(c.contact(), c.title()));
		v.put("stage", c.stage());
		if (!access.isHidden(ctx.actor(), "dealAmount")) {
			v.put("dealAmount", (c.dealAmount() != null) ? money.format(c.dealAmount()) : null);
		}
		v.put("owner", config.get().user(c.ownerId()).map((u) -> u.name()).orElse(null));
		v.put("ownerPhone", config.get().user(c.ownerId()).map((u) -> u.mobile()).orElse(null));
		v.put("ownerEmail", config.get().user(c.ownerId()).map((u) -> u.email()).orElse(null));
		v.put("date", LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).toString());
		c.fields().forEach(v::putIfAbsent);
		return v;
	}

}
