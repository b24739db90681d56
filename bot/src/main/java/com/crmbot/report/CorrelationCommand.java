package com.crmbot.report;

import java.util.List;

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
		super(new CommandSpec("correlation", List.of("相关性"), FILTER_USAGE, "跟进次数与成交的相关性（散点图、斯皮尔曼系数、分段成交率）",
				"follow-up count against deals (scatter, Spearman, win rate by bucket)", Permission.USER),
				Reports.Kind.CORRELATION, reports);
	}

}
