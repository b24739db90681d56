package com.crmbot.report;

import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/** {@code /report <funnel|industry|region|correlation> [筛选]} ({@code /报表}). */
@Component
class ReportCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("report", Permission.USER);

	private final Reports reports;

	ReportCommand(Reports reports) {
		this.reports = reports;
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
		Reports.Kind kind = Reports.Kind.of(tokens.get(0)).orElse(null);
		if (kind == null) {
			return ctx.say("report-unknown", Map.of("kind", tokens.get(0)));
		}
		return List.of(reports.run(kind, ctx.actor(), tokens.subList(1, tokens.size())).reply());
	}

}
