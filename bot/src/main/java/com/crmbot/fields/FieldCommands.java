package com.crmbot.fields;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Args;
import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.template.TemplateService;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerLookup;

import org.springframework.stereotype.Component;

/** {@code /set}, {@code /tag} and {@code /show}: a customer's fields and tags. */
final class FieldCommands {

	private FieldCommands() {
	}

	/** {@code /set <客户> <字段> <值>}. */
	@Component
	static class SetCommand implements Command {

		private static final CommandSpec SPEC = new CommandSpec("set", Permission.USER);

		private final CustomerLookup lookup;

		private final FieldService fields;

		SetCommand(CustomerLookup lookup, FieldService fields) {
			this.lookup = lookup;
			this.fields = fields;
		}

		@Override
		public CommandSpec spec() {
			return SPEC;
		}

		@Override
		public List<Reply> run(CommandContext ctx) {
			List<String> t = ctx.tokens();
			String value = Args.rest(ctx.args(), 2);
			if (t.size() < 3 || value.isBlank()) {
				return ctx.usage();
			}
			CustomerLookup.Result r = lookup.find(ctx, t.get(0));
			if (!r.found()) {
				return r.replies();
			}
			Optional<String> error = fields.set(ctx.actor(), r.customer(), t.get(1), value);
			if (error.isPresent()) {
				return ctx.say("set-refused", Map.of("reason", error.get()));
			}
			return ctx.say("set-done", Map.of("customer", r.customer().name(), "field", t.get(1), "value", value));
		}

	}

	/** {@code /tag <客户> <标签...>} ({@code -标签} removes). */
	@Component
	static class TagCommand implements Command {

		private static final CommandSpec SPEC = new CommandSpec("tag", Permission.USER);

		private final CustomerLookup lookup;

		private final FieldService fields;

		private final ConfigService config;

		TagCommand(CustomerLookup lookup, FieldService fields, ConfigService config) {
			this.lookup = lookup;
			this.fields = fields;
			this.config = config;
		}

		@Override
		public CommandSpec spec() {
			return SPEC;
		}

		@Override
		public List<Reply> run(CommandContext ctx) {
			List<String> t = ctx.tokens();
			if (t.size() < 2) {
				return ctx.say("tag-usage",
						Map.of("synopsis", ctx.synopsis(), "groups", TagRules.all(config.get().customers())));
			}
			CustomerLookup.Result r = lookup.find(ctx, t.get(0));
			if (!r.found()) {
				return r.replies();
			}
			Optional<String> error = fields.tag(r.customer(), t.subList(1, t.size()), ctx.actor().locale());
			if (error.isPresent()) {
				return ctx.say("set-refused", Map.of("reason", error.get()));
			}
			return ctx.say("tag-done", Map.of("customer", r.customer().name()));
		}

	}

	/** {@code /show <客户>}. */
	@Component
	static class ShowCommand implements Command {

		private static final CommandSpec SPEC = new CommandSpec("show", Permission.USER);

		private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd")
			.withZone(ZoneId.of("Asia/Shanghai"));

		private final CustomerLookup lookup;

		private final FieldService fields;

		private final ConfigService config;

		ShowCommand(CustomerLookup lookup, FieldService fields, ConfigService config) {
			this.lookup = lookup;
			this.fields = fields;
			this.config = config;
		}

		@Override
		public CommandSpec spec() {
			return SPEC;
		}

		@Override
		public List<Reply> run(CommandContext ctx) {
			return lookup.onCustomer(ctx, (c) -> card(ctx, c));
		}

		private List<Reply> card(CommandContext ctx, Customer c) {
			TemplateService.Labels labels = ctx.labels("show-card",
					Map.of("customer", c.name(), "id", com.crmbot.customer.CustomerService.shortId(c.id())));
			Reply.Builder card = Reply.card(labels.get("heading"));
			fields.view(ctx.actor(), c).forEach(card::field);
			Map<String, Object> facts = Map.of("tags", c.tags().isEmpty() ? "—" : String.join(" ", c.tags()), "stage",
					(c.stage() != null) ? c.stage() : "—", "score", c.score(), "owner",
					config.get().user(c.ownerId()).map((u) -> u.name()).orElse("—"), "created",
					(c.createdAt() != null) ? DAY.format(c.createdAt()) : "—");
			List<Reply.Field> about = labels.keysExcept("heading")
				.stream()
				.filter(facts::containsKey)
				.map((k) -> new Reply.Field(labels.get(k), facts.get(k).toString()))
				.toList();
			return List.of(card.section(new Reply.Section(null, List.of(), about)).build());
		}

	}

}
