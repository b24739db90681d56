package com.crmbot.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.crmbot.chat.Args;
import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;
import com.crmbot.notification.Notifier;
import com.crmbot.task.TaskService;
import com.crmbot.template.TemplateService;
import com.crmbot.customer.TplCommand;
import com.crmbot.text.Lexicon;

import org.springframework.stereotype.Component;

/**
 * {@code /legal} lists my pending legal reviews with the customer's contract data;
 * {@code /legal <编号> 通过 [备注]} or {@code /legal <编号> 驳回 <原因>} decides one. The rep who
 * asked and the owner are told; a gated stage (e.g. 成交) opens on approval.
 */
@Component
class LegalCommand implements Command {

	@Lexicon("approve")
	private static final Set<String> APPROVE = Set.of("通过", "同意", "批准", "approve", "ok");

	@Lexicon("reject")
	private static final Set<String> REJECT = Set.of("驳回", "拒绝", "不通过", "reject");

	private static final CommandSpec SPEC = new CommandSpec("legal", Permission.USER);

	private final LegalReviews reviews;

	private final CustomerService customers;

	private final TaskService tasks;

	private final TemplateService templates;

	private final TplCommand tpl;

	private final ConfigService config;

	private final Notifier notifier;

	LegalCommand(LegalReviews reviews, CustomerService customers, TaskService tasks, TemplateService templates,
			TplCommand tpl, ConfigService config, Notifier notifier) {
		this.reviews = reviews;
		this.customers = customers;
		this.tasks = tasks;
		this.templates = templates;
		this.tpl = tpl;
		this.config = config;
		this.notifier = notifier;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> t = ctx.tokens();
		if (t.isEmpty()) {
			return list(ctx);
		}
		if (t.size() < 2) {
			return ctx.usage();
		}
		String verb = t.get(1).toLowerCase(Locale.ROOT);
		boolean approve = APPROVE.contains(verb);
		if (!approve && !REJECT.contains(verb)) {
			return ctx.usage();
		}
		String note = Args.rest(ctx.args(), 2);
		List<LegalReviews.Review> found = reviews.matching(ctx.actor().id(), t.get(0));
		if (found.size() != 1) {
			return ctx.say("legal-unknown", Map.of("ref", t.get(0)));
		}
		LegalReviews.Review r = found.get(0);
		if (!approve && note.isBlank()) {
			return ctx.say("legal-reason-required", Map.of("ref", ref(r)));
		}
		if (!reviews.decide(r, approve, note.isBlank() ? null : note)) {
			return ctx.say("legal-already", Map.of("ref", ref(r)));
		}
		tasks.byId(r.id()).ifPresent(tasks::complete);
		String customer = customers.byId(r.customerId()).map(Customer::name).orElse("—");
		String decision = ctx.text(approve ? "legal-approved-word" : "legal-rejected-word", Map.of());
		for (String userId : List.of(r.requestedBy(),
				customers.byId(r.customerId()).map(Customer::ownerId).orElse(r.requestedBy()))) {
			Optional<User> u = config.get().user(userId);
			if (u.isPresent() && !userId.equals(ctx.actor().id())) {
				notifier.notify(u.get(),
						Reply.text(templates.reply(u.get().localeOrDefault(), "legal-decided",
								Map.of("customer", customer, "decision",
										templates.reply(u.get().localeOrDefault(),
												approve ? "legal-approved-word" : "legal-rejected-word", Map.of()),
										"by", ctx.actor().user().name(), "note", note.isBlank() ? "—" : note, "gate",
										(r.gate() != null && approve) ? templates.reply(u.get().localeOrDefault(),
												"legal-gate-open", Map.of("stage", r.gate())) : ""))),
						"legal:" + r.id() + ":" + userId);
			}
		}
		return ctx.say("legal-done",
				Map.of("customer", customer, "decision", decision, "note", note.isBlank() ? "—" : note));
	}

	private List<Reply> list(CommandContext ctx) {
		List<LegalReviews.Review> pending = reviews.pendingFor(ctx.actor().id());
		if (pending.isEmpty()) {
			return ctx.say("legal-none", Map.of());
		}
		List<Reply> out = new ArrayList<>();
		for (LegalReviews.Review r : pending) {
			Optional<Customer> c = customers.byId(r.customerId());
			if (c.isEmpty()) {
				continue;
			}
			Map<String, Object> f = tpl.fields(c.get(), ctx);
			String contract = templates.slashTemplateExists("contract")
					? templates.slash("contract", f, Map.of()).text() : "";
			Reply reply = ctx.reply("legal-item", Map.of("ref", ref(r), "customer", c.get().name(), "requestedBy",
					config.get().user(r.requestedBy()).map(User::name).orElse(r.requestedBy()), "contract", contract));
			out.add(reply.withButtons(List.of(
					new Reply.Button("legal:approve:" + r.id(), ctx.text("button-approve", Map.of()),
							ctx.text("legal-approve-command", Map.of("ref", ref(r)))),
					new Reply.Button("legal:reject:" + r.id(), ctx.text("button-reject", Map.of()),
							ctx.text("legal-reject-command", Map.of("ref", ref(r)))))));
		}
		return out;
	}

	private static String ref(LegalReviews.Review r) {
		return TaskService.shortId(r.id());
	}

}
