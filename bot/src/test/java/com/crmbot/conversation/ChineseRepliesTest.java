package com.crmbot.conversation;

import java.util.regex.Pattern;

import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Chinese user never sees internal codes: help grouped by task with aliases, "/" menu,
 * templates by Chinese name with labelled gaps, budgets and phones as people write them,
 * unknown commands pointed by meaning.
 */
class ChineseRepliesTest extends BotTestSupport {

	private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{24}");

	@Test
	void helpIsGroupedByTaskWithAliasesAndNoCodes() {
		String help = sayText("zhangsan", "/help");
		assertThat(help).contains("【客户】", "【跟进】", "【任务】", "【审批】", "【报表/导出】", "【管理】")
			.contains("/new ", "（/新建 /新增）", "/history <客户> [页码]（/全部跟进 /历史）")
			.doesNotContain("/transfer", "/config");
		assertThat(help.indexOf("【客户】")).isLessThan(help.indexOf("/find"));
		assertThat(help.indexOf("【跟进】")).isLessThan(help.indexOf("/log")).isGreaterThan(help.indexOf("/find"));
		assertThat(sayText("zhao", "/help")).contains("/transfer");
		assertThat(sayText("zhangsan", "/help transfer")).contains("权限：主管及以上").doesNotContain("supervisor");
	}

	@Test
	void slashAloneListsTheQuickTemplatesAndCommands() {
		String menu = sayText("zhangsan", "/");
		assertThat(menu).contains("快捷模板", "报价单", "异议话术", "合同", "/新建", "/查找", "/帮助").doesNotContain("没有命令");
		assertThat(sayText("zhangsan", "／")).contains("报价单");
	}

	@Test
	void templatesByChineseNameWithLabelledGapsAndReadableNumbers() {
		say("zhangsan", "/new 苏州恒通精密机械有限公司 王总 13812345678");
		say("zhangsan", "/set 恒通 预算 60万");
		String quote = sayText("zhangsan", "/tpl 报价单 恒通");
		assertThat(quote).contains("【报价单】苏州恒通精密机械有限公司", "预算参考：60万", "138 0000 0001");
		String contract = sayText("zhangsan", "/模板 合同 恒通");
		assertThat(contract).contains("【待补充：成交金额】").doesNotContain("dealAmount");
		assertThat(sayText("zhangsan", "/tpl 异议话术 恒通")).contains("【异议处理话术】");
		assertThat(sayText("zhangsan", "/tpl 菜谱 恒通")).contains("没有模板「菜谱」", "报价单");
		assertThat(sayText("zhangsan", "/tpl")).contains("报价单", "异议话术").doesNotContain("• quote");
		String show = sayText("zhangsan", "/show 恒通");
		assertThat(show).contains("60万", "138 1234 5678");
	}

	@Test
	void inquiriesTasksAndFindShowLabelsNotCodes() {
		String filed = sayText("zhangsan", "苏州恒通精密机械有限公司的王建国总经理来电，想了解MES系统，预算大概50万，电话138-1234-5678");
		assertThat(filed).contains("预算：50万", "138 1234 5678").doesNotContain("500,000", "+86");
		say("zhangsan", "/task 恒通 回访报价 明天下午3点 紧急");
		assertThat(sayText("zhangsan", "/tasks")).contains("【紧急】").doesNotContain("[urgent]");
		String find = sayText("zhangsan", "/find 恒通");
		assertThat(find).contains("【咨询】").doesNotContain("[inquiry]");
		assertThat(OBJECT_ID.matcher(find).find()).as(find).isFalse();
	}

	@Test
	void unknownCommandsAreSuggestedByMeaningAndSpelling() {
		assertThat(sayText("zhangsan", "/打卡")).contains("没有命令 /打卡").doesNotContain("/approvals");
		assertThat(sayText("zhangsan", "/审核")).contains("/approvals");
		assertThat(sayText("zhangsan", "/合同审核")).contains("没有命令");
		assertThat(sayText("zhangsan", "/交接")).contains("/transfer");
		assertThat(sayText("zhangsan", "/搜索客户")).contains("/find");
		assertThat(sayText("zhangsan", "/下载")).contains("/export");
		assertThat(sayText("zhangsan", "/所有跟进")).contains("/history");
		assertThat(sayText("zhangsan", "/天气")).contains("/help");
		assertThat(sayText("zhangsan", "/fnd 恒通")).contains("/find");
	}

}
