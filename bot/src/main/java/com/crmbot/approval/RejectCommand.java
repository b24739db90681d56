package com.crmbot.approval;

import java.util.List;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/** {@code /reject <审批编号> <原因>}: a reason is required. */
@Component
class RejectCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("reject", Permission.USER);

	private final DecisionReplies decisions;

	RejectCommand(DecisionReplies decisions) {
		this.decisions = decisions;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		return decisions.decide(ctx, false);
	}

}
