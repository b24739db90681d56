package com.crmbot.task;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;
import com.crmbot.customer.CustomerLookup;
import com.crmbot.text.Lexicon;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code /task <客户> <内容> <时间> [urgent|high]}: a follow-up task with its reminder. The
 * time is read as people write it (明天下午3点, tomorrow 9am...); an ambiguous or past time is
 * confirmed back ({@code /task confirm <draft> <n>}), never guessed.
 */
@Component
class TaskCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("task", Permission.USER);

	@Lexicon("urgent")
	private static final Set<String> URGENT = Set.of("urgent", "紧急", "加急", "!!");

	@Lexicon("high priority")
	private static final Set<String> HIGH = Set.of("high", "高", "重要", "!");

	@Lexicon("confirm")
	private static final Set<String> CONFIRM = Set.of("confirm", "确认");

	private final TaskService tasks;

	private final CustomerLookup customers;

	private final TaskReplies util;

	private final MongoTemplate mongo;

	TaskCommand(TaskService tasks, CustomerLookup customers, TaskReplies util, MongoTemplate mongo) {
		this.tasks = tasks;
		this.customers = customers;
		this.util = util;
		this.mongo = mongo;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> tokens = ctx.tokens();
		if (tokens.size() >= 2 && CONFIRM.contains(tokens.get(0).toLowerCase())) {
			return confirm(ctx, tokens.get(1), (tokens.size() > 2) ? tokens.get(2) : "1");
		}
		if (tokens.size() < 3) {
			return ctx.usage();
		}
		Task.Priority priority = Task.Priority.NORMAL;
		String last = tokens.get(tokens.size() - 1).toLowerCase();
		if (URGENT.contains(last) || HIGH.contains(last)) {
			priority = URGENT.contains(last) ? Task.Priority.URGENT : Task.Priority.HIGH;
			tokens = tokens.subList(0, tokens.size() - 1);
		}
		if (tokens.size() < 3) {
			return ctx.usage();
		}
		CustomerLookup.Result customer = customers.find(ctx, tokens.get(0));
		if (!customer.found()) {
			return customer.replies();
		}
		ZonedDateTime now = util.now();
		List<String> rest = tokens.subList(1, tokens.size());
		String title = null;
		TimeParser.Result when = null;
		// the time is at the end ("回访报价 明天下午3点"); failing that, at the start
		for (int k = 1; k < rest.size() && when == null; k++) {
			Optional<TimeParser.Result> r = TimeParser.parse(String.join(" ", rest.subList(k, rest.size())), now);
			if (r.isPresent()) {
				when = r.get();
				title = String.join(" ", rest.subList(0, k));
			}
		}
		for (int k = rest.size() - 1; k >= 1 && when == null; k--) {
			Optional<TimeParser.Result> r = TimeParser.parse(String.join(" ", rest.subList(0, k)), now);
			if (r.isPresent()) {
				when = r.get();
				title = String.join(" ", rest.subList(k, rest.size()));
			}
		}
		if (when == null) {
			return ctx.say("task-no-time", Map.of("synopsis", ctx.synopsis()));
		}
		String customerId = customer.customer().id();
		String customerName = customer.customer().name();
		if (when.kind() == TimeParser.Kind.EXACT) {
			String sourceKey = "msg:" + ctx.message().platform().id() + ":" + ctx.message().messageId();
			Task t = tasks.create(new TaskService.NewTask(customerId, ctx.actor().id(), title, when.best().toInstant(),
					priority, ctx.actor().id(), "command", sourceKey));
			return created(ctx, t, customerName);
		}
		List<Instant> candidates = when.candidates().stream().map(ZonedDateTime::toInstant).toList();
		if (candidates.isEmpty()) {
			return ctx.say("task-past", Map.of());
		}
		TaskDraft draft = mongo.insert(new TaskDraft(new ObjectId().toHexString(), ctx.actor().id(), customerId, title,
				priority, candidates, now.toInstant()));
		String key = (when.kind() == TimeParser.Kind.PAST) ? "task-past-suggest" : "task-confirm";
		Reply reply = ctx.reply(key, Map.of("title", title, "customer", customerName, "choices",
				util.numbered(candidates), "draft", draft.id()));
		return List.of(reply.withButtons(
				util.choices(ctx, candidates, "task:confirm:" + draft.id(), "/task confirm " + draft.id(), true)));
	}

	private List<Reply> confirm(CommandContext ctx, String draftId, String choice) {
		TaskDraft d = draftId.matches("[0-9a-fA-F]{24}") ? mongo.findById(draftId, TaskDraft.class) : null;
		if (d == null || !d.ownerId().equals(ctx.actor().id())) {
			return ctx.say("task-draft-unknown", Map.of("ref", draftId));
		}
		int n;
		try {
			n = Integer.parseInt(choice);
		}
		catch (NumberFormatException ex) {
			n = -1;
		}
		if (n < 1 || n > d.candidates().size()) {
			return ctx.say("task-draft-choice", Map.of("max", d.candidates().size()));
		}
		Instant due = d.candidates().get(n - 1);
		String sourceKey = "draft:" + d.id();
		Optional<Task> existing = tasks.bySourceKey(sourceKey);
		if (existing.isPresent()) {
			return ctx.say("task-draft-used", Map.of("task", TaskService.shortId(existing.get().id()), "due",
					util.format(existing.get().dueAt())));
		}
		if (!due.isAfter(util.now().toInstant())) {
			return ctx.say("task-past", Map.of());
		}
		Task t = tasks.create(new TaskService.NewTask(d.customerId(), d.ownerId(), d.title(), due, d.priority(),
				d.ownerId(), "command", sourceKey));
		return created(ctx, t, util.customerName(d.customerId()));
	}

	private List<Reply> created(CommandContext ctx, Task t, String customerName) {
		String pri = switch (t.priority()) {
			case URGENT -> ctx.text("priority-urgent", Map.of());
			case HIGH -> ctx.text("priority-high", Map.of());
			default -> ctx.text("priority-normal", Map.of());
		};
		return ctx.say("task-created", Map.of("title", t.title(), "customer", customerName, "due",
				util.format(t.dueAt()), "task", TaskService.shortId(t.id()), "priority", pri));
	}

}
