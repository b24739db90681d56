package com.crmbot.approval;

import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/** {@code /approvals}: what waits for my decision. */
@Component
class ApprovalsCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("approvals", Permission.USER);

	private final ApprovalService approvals;

	private final ConfigService config;

	ApprovalsCommand(ApprovalService approvals, ConfigService config) {
		this.approvals = approvals;
		this.config = config;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<Approval> waiting = approvals.waitingFor(ctx.actor().id());
		if (waiting.isEmpty()) {
			return ctx.say("approvals-none", Map.of());
		}
		StringBuilder sb = new StringBuilder();
		for (Approval a : waiting) {
			sb.append(ctx.text("approvals-item",
					Map.of("id", a.id(), "customer", a.customerName(), "amount", ApprovalService.money(a.amount()),
							"requester",
							config.get().user(a.requesterId()).map((u) -> u.name()).orElse(a.requesterId()))))
				.append('\n');
		}
		return ctx.say("approvals-list", Map.of("count", waiting.size(), "items", sb.toString().strip()));
	}

}
