package com.crmbot.report;

import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;

import org.springframework.stereotype.Component;

/**
 * {@code /funnel} ({@code /漏斗}) with filter words: sales funnel: customers per stage,
 * conversion, days in stage, won/lost (chart).
 */
@Component
class FunnelCommand extends ReportKindCommand {

	FunnelCommand(Reports reports) {
		super(new CommandSpec("funnel", Permission.USER), Reports.Kind.FUNNEL, reports);
	}

}
