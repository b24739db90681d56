package com.crmbot.approval;

import java.util.List;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/** {@code /approve <审批编号> [意见]}. */
@Component
class ApproveCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("approve", Permission.USER);

	private final DecisionReplies decisions;

	ApproveCommand(DecisionReplies decisions) {
		this.decisions = decisions;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		return decisions.decide(ctx, true);
	}

}
