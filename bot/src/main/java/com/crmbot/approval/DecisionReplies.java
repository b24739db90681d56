package com.crmbot.approval;

import java.util.List;
import java.util.Map;

import com.crmbot.chat.Args;
import com.crmbot.chat.CommandContext;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/**
 * Runs {@code /approve} and {@code /reject} ({@code <id> [comment]}; a rejection needs a
 * reason) and words the outcome.
 */
@Component
class DecisionReplies {

	private final ApprovalService approvals;

	private final ConfigService config;

	private final com.crmbot.access.AccessPolicy access;

	DecisionReplies(ApprovalService approvals, ConfigService config, com.crmbot.access.AccessPolicy access) {
		this.approvals = approvals;
		this.config = config;
		this.access = access;
	}

	/** Decide the approval the command names, as the actor. */
	List<Reply> decide(CommandContext ctx, boolean approve) {
		List<String> tokens = ctx.tokens();
		if (tokens.isEmpty()) {
			return ctx.usage();
		}
		String id = tokens.get(0);
		String comment = Args.rest(ctx.args(), 1);
		if (!approve && comment.isEmpty()) {
			return ctx.say("approval-reason-required", Map.of("id", id));
		}
		return say(ctx, id, approvals.decide(id, ctx.actor().id(), approve, comment.isEmpty() ? null : comment));
	}

	private List<Reply> say(CommandContext ctx, String id, ApprovalService.Decided d) {
		Approval a = d.approval();
		return switch (d.outcome()) {
			case UNKNOWN -> ctx.say("approval-unknown", Map.of("id", id));
			case NOT_YOURS -> {
				access.logDenied(ctx.actor(), "approval not yours " + a.id());
				yield ctx.say("approval-not-yours", Map.of("id", a.id(), "approver", name(a.currentApprover())));
			}
			case ALREADY_DECIDED -> ctx.say("approval-already-decided", Map.of("id", a.id(), "status", status(ctx, a)));
			case NEXT_STEP -> ctx.say("approval-step-done", Map.of("id", a.id(), "next", name(a.currentApprover())));
			case APPROVED -> ctx.say("approval-you-approved", Map.of("id", a.id()));
			case REJECTED -> ctx.say("approval-you-rejected", Map.of("id", a.id()));
			case NATIVE -> a.nativeSpNo().startsWith(ApprovalService.DINGTALK_PREFIX)
					? ctx.say("approval-native-dingtalk",
							Map.of("id", a.id(), "spNo",
									a.nativeSpNo().substring(ApprovalService.DINGTALK_PREFIX.length())))
					: ctx.say("approval-native", Map.of("id", a.id(), "spNo", a.nativeSpNo()));
		};
	}

	private String status(CommandContext ctx, Approval a) {
		return switch (a.status()) {
			case APPROVED -> ctx.text("approval-status-approved", Map.of());
			case REJECTED -> ctx.text("approval-status-rejected", Map.of());
			case PENDING -> ctx.text("approval-status-pending", Map.of("approver", name(a.currentApprover())));
		};
	}

	private String name(String userId) {
		return (userId == null) ? "—" : config.get().user(userId).map((u) -> u.name()).orElse(userId);
	}

}
