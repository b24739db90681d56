package com.crmbot.customer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.Reply;
import com.crmbot.access.AuditLog;
import com.crmbot.notification.Notifier;
import com.crmbot.template.TemplateService;
import com.crmbot.text.Lexicon;

import org.springframework.stereotype.Component;

/**
 * {@code /transfer <客户> <新负责人>} hands one customer to another rep;
 * {@code /transfer 全部 <原负责人> <新负责人>} hands over every customer of a rep who leaves.
 * Supervisors and admins only; audited ({@code /audit}); the old and new owners are told.
 */
@Component
class TransferCommand implements Command {

	@Lexicon("the word for all customers")
	private static final Set<String> ALL = Set.of("全部", "所有", "all");

	private static final CommandSpec SPEC = new CommandSpec("transfer", Permission.SUPERVISOR);

	private final CustomerLookup lookup;

	private final CustomerLifecycle lifecycle;

	private final AccessPolicy access;

	private final ConfigService config;

	private final AuditLog audit;

	private final Notifier notifier;

	private final TemplateService templates;

	TransferCommand(CustomerLookup lookup, CustomerLifecycle lifecycle, AccessPolicy access, ConfigService config,
			AuditLog audit, Notifier notifier, TemplateService templates) {
		this.lookup = lookup;
		this.lifecycle = lifecycle;
		this.access = access;
		this.config = config;
		this.audit = audit;
		this.notifier = notifier;
		this.templates = templates;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> tokens = ctx.tokens();
		AdminConfig cfg = config.get();
		if (tokens.size() == 3 && ALL.contains(tokens.get(0).toLowerCase(Locale.ROOT))) {
			Optional<User> from = user(cfg, tokens.get(1));
			Optional<User> to = user(cfg, tokens.get(2));
			if (from.isEmpty() || to.isEmpty()) {
				return ctx.say("transfer-unknown-user", Map.of("user", from.isEmpty() ? tokens.get(1) : tokens.get(2)));
			}
			List<Customer> list = lifecycle.ownedBy(from.get().id())
				.stream()
				.filter((c) -> access.canSee(ctx.actor(), c))
				.toList();
			if (list.isEmpty()) {
				return ctx.say("transfer-none", Map.of("from", from.get().name()));
			}
			return done(ctx, list, from.get(), to.get());
		}
		if (tokens.size() < 2) {
			return ctx.usage();
		}
		String target = tokens.get(tokens.size() - 1);
		Optional<User> to = user(cfg, target);
		if (to.isEmpty()) {
			return ctx.say("transfer-unknown-user", Map.of("user", target));
		}
		String ref = ctx.args().substring(0, ctx.args().lastIndexOf(target)).strip();
		CustomerLookup.Result r = lookup.find(ctx, ref);
		if (!r.found()) {
			return r.replies();
		}
		Customer c = r.customer();
		if (to.get().id().equals(c.ownerId())) {
			return ctx.say("transfer-same", Map.of("customer", c.name(), "to", to.get().name()));
		}
		User from = cfg.user(c.ownerId()).orElse(null);
		return done(ctx, List.of(c), from, to.get());
	}

	private List<Reply> done(CommandContext ctx, List<Customer> list, User from, User to) {
		lifecycle.transfer(ctx.actor(), list, to);
		String names = list.stream().limit(20).map(Customer::name).reduce((a, b) -> a + "、" + b).orElse("");
		if (list.size() > 20) {
			names += " …";
		}
		String fromName = (from != null) ? from.name() : "—";
		audit.allowed(ctx.actor(),
				"transfer " + list.size() + " customer(s) " + ((from != null) ? from.id() : "-") + " -> " + to.id(),
				ctx.message().platform().id(), list.size());
		String key = "transfer:" + ctx.message().platform().id() + ":" + ctx.message().messageId();
		Map<String, Object> vars = Map.of("count", list.size(), "customers", names, "from", fromName, "to", to.name(),
				"by", ctx.actor().user().name());
		notifier.notify(to, Reply.text(templates.reply(to.localeOrDefault(), "transfer-received", vars)), key + ":to");
		if (from != null && !from.id().equals(ctx.actor().id())) {
			notifier.notify(from, Reply.text(templates.reply(from.localeOrDefault(), "transfer-given", vars)),
					key + ":from");
		}
		return ctx.say("transfer-done", vars);
	}

	/** A configured user by id or display name. */
	static Optional<User> user(AdminConfig cfg, String ref) {
		String r = ref.strip().replaceFirst("^@", "");
		Optional<User> byId = cfg.user(r);
		if (byId.isPresent()) {
			return byId;
		}
		return cfg.org().users().stream().filter((u) -> r.equals(u.name())).findFirst();
	}

}
