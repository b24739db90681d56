package com.crmbot.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompaniesTest {

	@Test
	void sameCompanyWrittenDifferentlyHasOneKey() {
		String key = Companies.key("苏州恒通精密机械有限公司");
		assertThat(key).isEqualTo("苏州恒通精密机械");
		assertThat(Companies.key("苏州恒通精密机械（中国）有限责任公司")).isEqualTo(key);
		assertThat(Companies.key(" 苏州恒通精密机械(中国)有限公司 ")).isEqualTo(key);
		assertThat(Companies.key("苏州 恒通精密机械 股份有限公司")).isEqualTo(key);
		assertThat(Companies.key("苏州恒通精密机械\u200B有限公司")).isEqualTo(key);
		assertThat(Companies.key("苏州恒通精密机械集团有限公司")).isEqualTo(key);
		assertThat(Companies.key("苏州恒通精密机械【中国】集团")).isEqualTo(key);
	}

	@Test
	void latinNamesLoseLegalFormAndCase() {
		assertThat(Companies.key("ACME Co., Ltd.")).isEqualTo("acme");
		assertThat(Companies.key("Acme Co.,Ltd")).isEqualTo("acme");
		assertThat(Companies.key("ＡＣＭＥ Inc.")).isEqualTo("acme");
		assertThat(Companies.key("Acme Limited")).isEqualTo("acme");
	}

	@Test
	void differentCompaniesStayDifferent() {
		assertThat(Companies.key("苏州恒通精密机械有限公司")).isNotEqualTo(Companies.key("无锡恒通精密机械有限公司"));
		assertThat(Companies.key("华为")).isEqualTo("华为");
	}

	@Test
	void aBracketedCityOrRegionKeepsBranchesApartGenericBracketsDoNot() {
		assertThat(Companies.key("恒通精密(苏州)有限公司")).isNotEqualTo(Companies.key("恒通精密(杭州)有限公司"));
		assertThat(Companies.key("恒通精密（苏州）有限责任公司")).isEqualTo(Companies.key("恒通精密(苏州)有限公司"));
		assertThat(Companies.key("恒通精密【华东】有限公司")).isNotEqualTo(Companies.key("恒通精密有限公司"));
		String plain = Companies.key("云帆教育科技有限公司");
		assertThat(Companies.key("云帆教育科技(China)有限公司")).isEqualTo(plain);
		assertThat(Companies.key("云帆教育科技（中国）有限公司")).isEqualTo(plain);
		assertThat(Companies.key("云帆教育科技(集团)有限公司")).isEqualTo(plain);
		assertThat(Companies.key("云帆教育科技( )有限公司")).isEqualTo(plain);
	}

	@Test
	void blankNamesHaveAnEmptyKey() {
		assertThat(Companies.key(null)).isEmpty();
		assertThat(Companies.key("  ")).isEmpty();
		assertThat(Companies.key("有限公司")).isEqualTo("有限公司");
	}

}
