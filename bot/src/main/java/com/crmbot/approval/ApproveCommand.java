package com.crmbot.approval;

import java.util.List;

import com.crmbot.chat.Args;
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

	private final ApprovalService approvals;

	private final DecisionReplies replies;

	ApproveCommand(ApprovalService approvals, DecisionReplies replies) {
		this.approvals = approvals;
		this.replies = replies;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> tokens = ctx.tokens();
		if (tokens.isEmpty()) {
			return ctx.usage();
		}
		String comment = Args.rest(ctx.args(), 1);
		String id = tokens.get(0);
		return replies.say(ctx, id, approvals.decide(id, ctx.actor().id(), true, comment.isEmpty() ? null : comment));
	}

}
