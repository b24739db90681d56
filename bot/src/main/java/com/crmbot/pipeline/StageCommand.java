package com.crmbot.pipeline;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.connector.Reply;
import com.crmbot.customer.CustomerLookup;
import com.crmbot.fields.FieldValues;
import com.crmbot.task.Task;
import com.crmbot.customer.TplCommand;

import org.springframework.stereotype.Component;

/**
 * {@code /stage <客户> [<阶段> [成交金额]]}: move a customer through the pipeline (running the
 * stage's triggers), or show its stage history.
 */
@Component
class StageCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("stage", Permission.USER);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final CustomerLookup lookup;

	private final StageService stages;

	private final TplCommand tpl;

	private final ConfigService config;

	private final LegalReviews legal;

	private final List<StageGuard> guards;

	StageCommand(CustomerLookup lookup, StageService stages, TplCommand tpl, ConfigService config, LegalReviews legal,
			List<StageGuard> guards) {
		this.guards = guards;
		this.legal = legal;
		this.lookup = lookup;
		this.stages = stages;
		this.tpl = tpl;
		this.config = config;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> t = ctx.tokens();
		if (t.isEmpty()) {
			return ctx.usage();
		}
		String lost = config.get().customers().funnel().lost();
		boolean losing = t.size() >= 2 && stages.stage(t.get(1)).map((s) -> s.id().equals(lost)).orElse(false);
		String reason = null;
		if (losing) {
			reason = (t.size() > 2) ? String.join(" ", t.subList(2, t.size())).strip() : null;
			t = t.subList(0, 2);
		}
		if (t.size() > 3) {
			return ctx.usage();
		}
		String all = config.get()
			.customers()
			.stages()
			.stream()
			.map(CustomerConfig.Stage::id)
			.collect(Collectors.joining(" → "));
		Optional<CustomerConfig.Stage> to = Optional.empty();
		if (t.size() >= 2) {
			to = stages.stage(t.get(1));
			if (to.isEmpty()) {
				return ctx.say("stage-unknown", Map.of("stage", t.get(1), "stages", all));
			}
		}
		Long amount = null;
		if (t.size() == 3) {
			Optional<Long> a = FieldValues.money(t.get(2));
			if (a.isEmpty()) {
				return ctx.say("stage-bad-amount", Map.of("amount", t.get(2)));
			}
			amount = a.get();
		}
		CustomerLookup.Result r = lookup.find(ctx, t.get(0));
		if (!r.found()) {
			return r.replies();
		}
		if (to.isEmpty()) {
			String history = stages.history(r.customer().id())
				.stream()
				.map((h) -> ctx.text("stage-history-line",
						Map.of("time", TIME.format(h.at()), "from", (h.from() != null) ? h.from() : "—", "to", h.to(),
								"by", config.get().user(h.actorId()).map((u) -> u.name()).orElse(h.actorId())))
						+ ((h.reason() != null) ? ctx.text("stage-history-reason", Map.of("reason", h.reason())) : ""))
				.collect(Collectors.joining("\n"));
			return ctx.say("stage-show",
					Map.of("customer", r.customer().name(), "stage",
							(r.customer().stage() != null) ? r.customer().stage() : "—", "stages", all, "history",
							history.isEmpty() ? "—" : history));
		}
		if (losing && (reason == null || reason.isEmpty())) {
			return ctx.say("stage-lost-reason-needed", Map.of("customer", r.customer().name(), "stage", lost));
		}
		Optional<String> waiting = legal.gateClosed(r.customer().id(), to.get().id(), config.get());
		if (waiting.isPresent()) {
			return ctx.say("legal-waiting", Map.of("customer", r.customer().name(), "stage", to.get().id(), "status",
					ctx.text(waiting.get(), Map.of())));
		}
		for (StageGuard guard : guards) {
			Optional<StageGuard.Notice> refusal = guard.before(ctx.actor(), r.customer(), to.get(), amount);
			if (refusal.isPresent()) {
				return ctx.say(refusal.get().template(), refusal.get().vars());
			}
		}
		StageService.Outcome o = stages.move(ctx.actor(), r.customer(), to.get(), amount, reason,
				(updated) -> tpl.fields(updated, ctx));
		if (o.conflict()) {
			return ctx.say("stage-conflict", Map.of("customer", r.customer().name()));
		}
		if (!o.changed()) {
			return ctx.say("stage-same", Map.of("customer", r.customer().name(), "stage", to.get().id()));
		}
		List<Reply> out = new ArrayList<>();
		String taskLines = o.tasks()
			.stream()
			.map((task) -> ctx.text("stage-task-line",
					Map.of("title", task.title(), "owner",
							config.get().user(task.ownerId()).map((u) -> u.name()).orElse(task.ownerId()), "due",
							TIME.format(task.dueAt()), "kind",
							ctx.text((task.priority() == Task.Priority.HIGH) ? "stage-kind-review" : "stage-kind-task",
									Map.of()))))
			.collect(Collectors.joining("\n"));
		out.add(ctx.reply("stage-moved", Map.of("customer", r.customer().name(), "from",
				(o.from() != null) ? o.from() : "—", "to", to.get().id(), "tasks", taskLines)));
		if (reason != null) {
			out.add(ctx.reply("stage-lost-recorded", Map.of("customer", r.customer().name(), "reason", reason)));
		}
		for (StageGuard guard : guards) {
			guard.after(r.customer().id(), to.get().id()).ifPresent((n) -> out.add(ctx.reply(n.template(), n.vars())));
		}
		out.addAll(o.templates());
		return out;
	}

}
