package com.crmbot.report;

import java.util.List;

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
		super(new CommandSpec("industry", List.of("行业"), FILTER_USAGE, "行业占比与成交金额（饼图）",
				"share by industry with deal amounts (pie chart)", Permission.USER), Reports.Kind.INDUSTRY, reports);
	}

}
