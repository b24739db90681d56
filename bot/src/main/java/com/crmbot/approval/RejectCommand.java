package com.crmbot.approval;

import java.util.List;
import java.util.Map;

import com.crmbot.chat.Args;
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

	private final ApprovalService approvals;

	private final DecisionReplies replies;

	RejectCommand(ApprovalService approvals, DecisionReplies replies) {
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
		String reason = Args.rest(ctx.args(), 1);
		if (reason.isEmpty()) {
			return ctx.say("approval-reason-required", Map.of("id", tokens.get(0)));
		}
		return replies.say(ctx, tokens.get(0), approvals.decide(tokens.get(0), ctx.actor().id(), false, reason));
	}

}
