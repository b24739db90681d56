package com.crmbot.inquiry.extract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetsTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "50万|500000", "五十万|500000", "三百万|3000000", "二十五万|250000", "一百二十万|1200000",
			"20w|200000", "20W|200000", "1.5亿|150000000", "一点五亿|150000000", "¥300,000|300000", "￥1,500,000元|1500000",
			"30万元|300000", "3k|3000", "800K|800000", "30-50万|500000", "10~15w|150000", "200到300万|3000000",
			"三十到五十万|500000", "80000元|80000", "5千|5000", "3千万|30000000", "两万五|25000", "一千二|1200", "十万|100000",
			"60,000元|60000", "1万块|10000", "四十万|400000", "贰拾万元|200000", "壹佰伍拾万|1500000", "20来万|200000", "30多万|300000" })
	void parsesAmountsAsWritten(String written, long yuan) {
		assertThat(Budgets.parseAmount(written)).isEqualTo(yuan);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "预算大概50万，电话138-1234-5678|500000", "预算三百万以内|3000000", "他们预算20w左右，能不能先发个报价|200000",
					"预算30-50万。|500000", "总投资约1.5亿，目前在对比|150000000", "预算¥300,000以内|300000", "预算一年5k以内，能报个价吗|5000",
					"今年有一个四十万的项目|400000", "另一家报的方案是70万，他们的预算也就70万左右|700000", "一台车一年300块，预算也就2万左右|20000",
					"预算控制在八万块以内|80000", "budget 30k|30000", "有大概60万的预算|600000", "预算不超过 12.5 万|125000",
					"预算：1,000,000 元|1000000", "预算在30万到50万之间|500000" })
	void findsTheBudgetInAMessage(String text, long yuan) {
		assertThat(Budgets.findBudget(text)).isEqualTo(yuan);
	}

	@ParameterizedTest
	@ValueSource(strings = { "预算不多", "今年预算已经用完了", "预算有限，想先做一个站点试点", "一年才8万，你们报过来要15万", "报价已发（¥1,200,000），对方觉得偏贵",
			"温控终端是680一台，我们报900", "没预算，明年再说", "预算很紧，200台设备", "电话 138 1234 5678", "" })
	void noBudgetWhenTheTextGivesNoAmountForIt(String text) {
		assertThat(Budgets.findBudget(text)).isNull();
	}

	@Test
	void notAnAmount() {
		assertThat(Budgets.parseAmount("没有")).isNull();
		assertThat(Budgets.parseAmount(null)).isNull();
		assertThat(Budgets.findBudget(null)).isNull();
	}

}
