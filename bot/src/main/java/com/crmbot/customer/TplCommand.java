package com.crmbot.customer;

import com.crmbot.template.TemplateService;

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
import com.crmbot.chat.Args;
import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
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

	private static final CommandSpec SPEC = new CommandSpec("tpl", Permission.USER);

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
		Map<String, List<String>> names = templates.slashTemplateNames(ctx.actor().locale());
		if (tokens.isEmpty()) {
			String list = names.values().stream().map((w) -> "• " + w.get(0)).collect(Collectors.joining("\n"));
			return ctx.say("tpl-list", Map.of("templates", list));
		}
		java.util.Optional<String> named = templates.slashTemplateNamed(tokens.get(0));
		if (named.isEmpty()) {
			return ctx.say("tpl-unknown", Map.of("template", tokens.get(0), "templates",
					names.values().stream().map((w) -> w.get(0)).collect(Collectors.joining("、"))));
		}
		String name = named.get();
		String display = names.getOrDefault(name, List.of(name)).get(0);
		if (tokens.size() < 2) {
			return ctx.usage();
		}
		CustomerLookup.Result r = lookup.find(ctx, Args.rest(ctx.args(), 1));
		if (!r.found()) {
			return r.replies();
		}
		TemplateService.Rendered out = templates.slash(name, fields(r.customer(), ctx), labels(ctx.actor().locale()));
		List<Reply> replies = new java.util.ArrayList<>();
		replies.add(Reply.text(out.text()));
		if (!out.missing().isEmpty()) {
			Map<String, String> labels = labels(ctx.actor().locale());
			replies.add(ctx.reply("tpl-missing", Map.of("template", display, "fields",
					out.missing().stream().map((k) -> labels.getOrDefault(k, k)).collect(Collectors.joining("、")))));
		}
		return replies;
	}

	/** The placeholders' names in the reader's language (tpl-field-names). */
	Map<String, String> labels(String locale) {
		Map<String, String> out = new HashMap<>();
		for (String line : templates.reply(locale, "tpl-field-names", Map.of()).split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
			}
		}
		config.get().customers().coreFields().forEach((f) -> out.putIfAbsent(f.id(), f.label()));
		return out;
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
		v.put("phone", (c.phone() != null) ? com.crmbot.text.Phones.readable(c.phone()) : null);
		v.put("budget", (c.budgetCny() != null) ? ctx.labels("money", com.crmbot.text.Money.vars(c.budgetCny()))
			.get(com.crmbot.text.Money.unit(c.budgetCny())) : null);
		v.put("need", config.get().needLabel(c.needType()));
		v.put("region", c.region());
		v.put("industry", config.get().industryLabel(c.industry()));
		v.put("salutation", salutation(c.contact(), c.title()));
		v.put("stage", c.stage());
		if (!access.isHidden(ctx.actor(), "dealAmount")) {
			v.put("dealAmount", (c.dealAmount() != null) ? money.format(c.dealAmount()) : null);
		}
		v.put("owner", config.get().user(c.ownerId()).map((u) -> u.name()).orElse(null));
		v.put("ownerPhone",
				config.get()
					.user(c.ownerId())
					.map((u) -> u.mobile())
					.map(com.crmbot.text.Phones::readable)
					.orElse(null));
		v.put("ownerEmail", config.get().user(c.ownerId()).map((u) -> u.email()).orElse(null));
		v.put("date", LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).toString());
		c.fields().forEach(v::putIfAbsent);
		return v;
	}

}
