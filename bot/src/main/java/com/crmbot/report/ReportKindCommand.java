package com.crmbot.report;

import java.util.List;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.connector.Reply;

/** A report command: its arguments are filter words, remembered for the user. */
abstract class ReportKindCommand implements Command {

	private final CommandSpec spec;

	private final Reports.Kind kind;

	private final Reports reports;

	ReportKindCommand(CommandSpec spec, Reports.Kind kind, Reports reports) {
		this.spec = spec;
		this.kind = kind;
		this.reports = reports;
	}

	@Override
	public CommandSpec spec() {
		return spec;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		return List.of(reports.run(kind, ctx.actor(), ctx.tokens()).reply());
	}

}
