package com.crmbot.report;

import java.util.List;

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
		super(new CommandSpec("region", List.of("地区"), FILTER_USAGE, "各省客户数、成交率、金额（中国热力图）",
				"customers, win rate and amounts by province (heat map of China)", Permission.USER),
				Reports.Kind.REGION, reports);
	}

}
