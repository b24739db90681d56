package com.crmbot.task;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandGroup;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * {@code /today} ({@code /今日}): my agenda for the day: overdue tasks, tasks due today,
 * today's reminders still to come, and customers to follow up (mine, not won or lost, not
 * contacted for {@value #FOLLOW_UP_DAYS} days; key-pool customers first).
 */
@Component
class TodayCommand implements Command {

	static final int FOLLOW_UP_DAYS = 7;

	private static final int LIMIT = 10;

	private static final CommandSpec SPEC = new CommandSpec("today", Permission.USER, CommandGroup.TASK);

	private final TaskService tasks;

	private final TaskReplies util;

	private final MongoTemplate mongo;

	private final ConfigService config;

	TodayCommand(TaskService tasks, TaskReplies util, MongoTemplate mongo, ConfigService config) {
		this.tasks = tasks;
		this.util = util;
		this.mongo = mongo;
		this.config = config;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		String me = ctx.actor().id();
		ZonedDateTime now = util.now();
		LocalDate today = now.toLocalDate();
		Instant dayEnd = today.plusDays(1).atStartOfDay(util.zone()).toInstant();
		StringBuilder overdue = new StringBuilder();
		StringBuilder due = new StringBuilder();
		for (Task t : tasks.openFor(me)) {
			if (t.dueAt() == null || !t.dueAt().isBefore(dayEnd)) {
				continue;
			}
			boolean late = t.dueAt().isBefore(now.toInstant());
			(late ? overdue
					: due)
				.append(ctx.text(late ? "tasks-item-overdue" : "tasks-item",
						Map.of("task", TaskService.shortId(t.id()), "title", t.title(), "customer",
								util.customerName(t.customerId()), "due", util.format(t.dueAt()), "priority",
								(t.priority() == Task.Priority.NORMAL || t.priority() == null) ? ""
										: " 【" + PriorityCommand.label(ctx, t.priority()) + "】")))
				.append('\n');
		}
		StringBuilder reminders = new StringBuilder();
		for (Reminder r : mongo.find(
				Query
					.query(Criteria.where("userId")
						.is(me)
						.and("status")
						.is(Reminder.Status.PENDING)
						.and("dueAt")
						.gte(now.toInstant())
						.lt(dayEnd))
					.with(Sort.by("dueAt")),
				Reminder.class)) {
			reminders
				.append(ctx.text("today-reminder", Map.of("time", util.format(r.dueAt()), "title", r.title(),
						"customer", (r.customerName() != null) ? r.customerName() : "—")))
				.append('\n');
		}
		CustomerConfig cc = config.get().customers();
		Instant quiet = now.toInstant().minus(Duration.ofDays(FOLLOW_UP_DAYS));
		Criteria open = Criteria.where("ownerId")
			.is(me)
			.and("stage")
			.nin(cc.funnel().won(), cc.funnel().lost())
			.and("deletedAt")
			.exists(false);
		Criteria silent = new Criteria().orOperator(Criteria.where("lastContactAt").lt(quiet),
				Criteria.where("lastContactAt").exists(false).and("createdAt").lt(quiet));
		List<Customer> toFollow = mongo.find(Query.query(new Criteria().andOperator(open, silent))
			.with(Sort.by(Sort.Direction.DESC, "score").and(Sort.by("lastContactAt")))
			.limit(LIMIT), Customer.class);
		StringBuilder customers = new StringBuilder();
		for (Customer c : toFollow) {
			Instant last = (c.lastContactAt() != null) ? c.lastContactAt() : c.createdAt();
			long days = Duration.between(last, now.toInstant()).toDays();
			customers.append(ctx.text((c.score() >= cc.poolThreshold()) ? "today-customer-pool" : "today-customer",
					Map.of("customer", c.name(), "days", days, "stage", (c.stage() != null) ? c.stage() : "—", "score",
							c.score())))
				.append('\n');
		}
		if (overdue.isEmpty() && due.isEmpty() && reminders.isEmpty() && customers.isEmpty()) {
			return ctx.say("today-empty", Map.of("date", today.toString()));
		}
		String none = ctx.text("today-none", Map.of());
		return ctx.say("today", Map.of("date", today.toString(), "overdue", text(overdue, none), "due", text(due, none),
				"reminders", text(reminders, none), "customers", text(customers, none), "days", FOLLOW_UP_DAYS));
	}

	private static String text(StringBuilder sb, String none) {
		return sb.isEmpty() ? none : sb.toString().strip();
	}

}
