package com.crmbot.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/**
 * {@code /restore [客户]}: bring back a deleted customer; without a name, list the deleted
 * customers one may restore (numbered: reply with the number).
 */
@Component
class RestoreCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("restore", Permission.USER);

	private final CustomerLifecycle lifecycle;

	private final PendingChoices choices;

	RestoreCommand(CustomerLifecycle lifecycle, PendingChoices choices) {
		this.lifecycle = lifecycle;
		this.choices = choices;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<Customer> deleted = lifecycle.deleted(ctx.actor(), ctx.args());
		if (deleted.isEmpty()) {
			return ctx.say("restore-none", Map.of("ref", ctx.args().isEmpty() ? "—" : ctx.args()));
		}
		if (deleted.size() > 1 || ctx.args().isEmpty()) {
			List<String> lines = new ArrayList<>();
			List<String> commands = new ArrayList<>();
			for (int i = 0; i < Math.min(9, deleted.size()); i++) {
				lines.add((i + 1) + ". " + deleted.get(i).name());
				commands.add("/restore " + CustomerService.shortId(deleted.get(i).id()));
			}
			choices.offer(ctx.actor().id(), commands);
			return ctx.say("restore-list", Map.of("candidates", String.join("\n", lines)));
		}
		Customer c = deleted.get(0);
		Optional<Customer> back = lifecycle.restore(c.id());
		if (back.isEmpty()) {
			return ctx.say("restore-conflict", Map.of("customer", c.name()));
		}
		return ctx.say("customer-restored", Map.of("customer", c.name()));
	}

}
