package com.crmbot.report;

import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;

import org.springframework.stereotype.Component;

/**
 * {@code /region} ({@code /地区}) with filter words: customers, win rate and amounts by
 * province (heat map of China).
 */
@Component
class RegionCommand extends ReportKindCommand {

	RegionCommand(Reports reports) {
		super(new CommandSpec("region", Permission.USER), Reports.Kind.REGION, reports);
	}

}
