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
 * {@code /undo}: take back one's own last change (a correction, deletion, hand-over or
 * priority change) within the configured window ({@code crmbot.undo.window}).
 */
@Component
class UndoCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("undo", Permission.USER);

	private final ChangeLog changes;

	private final CustomerLifecycle lifecycle;

	UndoCommand(ChangeLog changes, CustomerLifecycle lifecycle) {
		this.changes = changes;
		this.lifecycle = lifecycle;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<ChangeLog.Change> group = changes.lastGroup(ctx.actor().id());
		// a deletion already restored by /restore has nothing left to undo
		while (!group.isEmpty() && group.get(0).kind() == ChangeLog.Kind.DELETE
				&& !lifecycle.isDeleted(group.get(0).docId())) {
			changes.markUndone(group.get(0).group());
			group = changes.lastGroup(ctx.actor().id());
		}
		if (group.isEmpty()) {
			return ctx.say("undo-nothing", Map.of());
		}
		ChangeLog.Change first = group.get(0);
		String what = ctx.text("change-" + first.kind().name().toLowerCase(java.util.Locale.ROOT), Map.of());
		long customers = group.stream().filter((c) -> Customer.COLLECTION.equals(c.collection())).count();
		String subject = (customers > 1) ? ctx.text("undo-customers", Map.of("count", customers)) : first.summary();
		if (!changes.withinWindow(first)) {
			return ctx.say("undo-too-late",
					Map.of("what", what, "subject", subject, "minutes", changes.window().toMinutes()));
		}
		if (!changes.markUndone(first.group())) {
			return ctx.say("undo-nothing", Map.of());
		}
		for (ChangeLog.Change c : group) {
			if (c.kind() == ChangeLog.Kind.DELETE) {
				if (lifecycle.restore(c.docId()).isEmpty()) {
					return ctx.say("restore-conflict", Map.of("customer", c.summary()));
				}
			}
			else {
				changes.restoreFields(c);
			}
		}
		return ctx.say("undo-done", Map.of("what", what, "subject", subject));
	}

}
