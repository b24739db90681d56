package com.crmbot.report;

import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;

import org.springframework.stereotype.Component;

/**
 * {@code /industry} ({@code /行业}) with filter words: share by industry with deal amounts
 * (pie chart).
 */
@Component
class IndustryCommand extends ReportKindCommand {

	IndustryCommand(Reports reports) {
		super(new CommandSpec("industry", Permission.USER), Reports.Kind.INDUSTRY, reports);
	}

}
