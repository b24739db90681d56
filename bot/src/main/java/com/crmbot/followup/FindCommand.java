package com.crmbot.followup;

import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.template.TemplateService;
import com.crmbot.followup.FollowUp;
import com.crmbot.followup.FollowUpService;
import com.crmbot.text.Phones;

import org.springframework.stereotype.Component;

/** {@code /find <名称|电话|公司>}: customers I may see, with their latest follow-ups. */
@Component
class FindCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("find", Permission.USER);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final CustomerService customers;

	private final FollowUpService followUps;

	private final ConfigService config;

	FindCommand(CustomerService customers, FollowUpService followUps, ConfigService config) {
		this.customers = customers;
		this.followUps = followUps;
		this.config = config;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		if (ctx.args().isEmpty()) {
			return ctx.usage();
		}
		List<Customer> found = customers.search(ctx.actor(), ctx.args(), 5);
		com.crmbot.customer.Disclosures.shown(found);
		if (found.isEmpty()) {
			return ctx.say("find-none", Map.of("query", ctx.args()));
		}
		TemplateService.Labels labels = ctx.labels("find-card", Map.of("query", ctx.args(), "count", found.size()));
		Reply.Builder card = Reply.card(labels.get("heading"));
		found.forEach((c) -> card.section(item(ctx, labels, c)));
		return List.of(card.build());
	}

	/**
	 * One customer: its fields (labels in the template's order), then its latest
	 * follow-ups.
	 */
	private Reply.Section item(CommandContext ctx, TemplateService.Labels labels, Customer c) {
		Map<String, Object> values = Map.of("contact", dash(c.contact()), "title", dash(c.title()), "phone",
				(c.phone() != null) ? Phones.readable(c.phone()) : "—", "stage", dash(c.stage()), "owner",
				config.get().user(c.ownerId()).map((u) -> u.name()).orElse("—"), "score", c.score(), "id",
				CustomerService.shortId(c.id()));
		List<Reply.Field> fields = labels.keysExcept("heading", "followups")
			.stream()
			.filter((k) -> values.containsKey(k) && !"—".equals(values.get(k)))
			.map((k) -> new Reply.Field(labels.get(k), values.get(k).toString()))
			.toList();
		List<String> followUpLines = followUps.latest(c.id(), 3)
			.stream()
			.map((f) -> ctx.text("find-followup",
					Map.of("time", TIME.format(f.at()), "kind", ctx.text(f.kind().labelKey(), Map.of()), "text",
							abbreviate(f))))
			.toList();
		return new Reply.Section(ctx.text("find-item", Map.of("customer", c.name())),
				followUpLines.isEmpty() ? List.of(ctx.text("find-no-followup", Map.of())) : followUpLines, fields);
	}

	private static String abbreviate(FollowUp f) {
		String t = (f.text() != null) ? f.text().replaceAll("\\s+", " ") : "";
		if (f.attachment() != null) {
			t = (t + " [" + f.attachment() + "]").strip();
		}
		return (t.length() > 60) ? t.substring(0, 60) + "…" : t;
	}

	private static String dash(Object v) {
		return (v != null) ? v.toString() : "—";
	}

}
