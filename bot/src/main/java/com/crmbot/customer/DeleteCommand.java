package com.crmbot.customer;

import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/**
 * {@code /delete <客户>}: remove a customer one may see (e.g. a junk lead). It disappears
 * from find, lists and reports and can be brought back with {@code /restore} or
 * {@code /undo}.
 */
@Component
class DeleteCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("delete", Permission.USER);

	private final CustomerLookup lookup;

	private final CustomerLifecycle lifecycle;

	DeleteCommand(CustomerLookup lookup, CustomerLifecycle lifecycle) {
		this.lookup = lookup;
		this.lifecycle = lifecycle;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		return lookup.onCustomer(ctx, (c) -> {
			lifecycle.delete(ctx.actor(), c);
			return ctx.say("customer-deleted", Map.of("customer", c.name(), "ref", CustomerService.shortId(c.id())));
		});
	}

}
