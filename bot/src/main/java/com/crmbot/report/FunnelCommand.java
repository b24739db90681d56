package com.crmbot.report;

import java.util.List;

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
		super(new CommandSpec("funnel", List.of("漏斗"), FILTER_USAGE, "销售漏斗：各阶段客户数、转化率、平均停留天数、赢单/输单（图表）",
				"sales funnel: customers per stage, conversion, days in stage, won/lost (chart)", Permission.USER),
				Reports.Kind.FUNNEL, reports);
	}

}
