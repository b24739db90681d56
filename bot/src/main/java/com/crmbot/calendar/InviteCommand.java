package com.crmbot.calendar;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.task.Task;
import com.crmbot.task.TaskService;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * {@code /invite <任务>}: e-mail the customer of one of my open tasks (a visit) a calendar
 * invitation; needs e-mail configured and the customer's {@code 邮箱} field.
 */
@Component
class InviteCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("invite", Permission.USER);

	private final VisitInvitations invitations;

	private final TaskService tasks;

	private final MongoTemplate mongo;

	InviteCommand(VisitInvitations invitations, TaskService tasks, MongoTemplate mongo) {
		this.invitations = invitations;
		this.tasks = tasks;
		this.mongo = mongo;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		String ref = ctx.args().strip();
		if (ref.isEmpty()) {
			return ctx.usage();
		}
		if (!invitations.enabled()) {
			return ctx.say("invite-no-mail", Map.of());
		}
		Optional<Task> task = tasks.matching(ctx.actor().id(), ref)
			.stream()
			.filter((t) -> t.status() == Task.Status.OPEN)
			.findFirst();
		if (task.isEmpty()) {
			return ctx.say("task-not-found", Map.of("ref", ref));
		}
		Customer c = (task.get().customerId() != null) ? mongo.findById(task.get().customerId(), Customer.class) : null;
		Optional<String> email = VisitInvitations.emailOf(c);
		if (email.isEmpty()) {
			return ctx.say("invite-no-email", Map.of("customer", (c != null) ? c.name() : "—"));
		}
		try {
			invitations.send(task.get(), c, email.get());
		}
		catch (MailException ex) {
			return ctx.say("invite-failed", Map.of("email", email.get()));
		}
		return ctx.say("invite-sent", Map.of("email", email.get(), "title", task.get().title()));
	}

}
