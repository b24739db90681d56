package com.crmbot.report;

import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;

import org.springframework.stereotype.Component;

/**
 * {@code /correlation} ({@code /相关性}) with filter words: follow-up count against deals
 * (scatter, Spearman, win rate by bucket).
 */
@Component
class CorrelationCommand extends ReportKindCommand {

	CorrelationCommand(Reports reports) {
		super(new CommandSpec("correlation", Permission.USER), Reports.Kind.CORRELATION, reports);
	}

}
