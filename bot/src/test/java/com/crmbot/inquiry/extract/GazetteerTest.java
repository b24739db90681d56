package com.crmbot.inquiry.extract;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GazetteerTest {

	private static final Gazetteer GAZETTEER = new Gazetteer();

	@ParameterizedTest
	@CsvSource({ "苏州,江苏", "苏州市,江苏", "浦东,上海", "顺德,广东", "海淀,北京", "哈尔滨,黑龙江", "拉萨,西藏", "乌鲁木齐,新疆",
			"台北,台湾", "香港,香港", "澳门,澳门", "内蒙古,内蒙古", "鄂尔多斯,内蒙古", "南宁,广西", "银川,宁夏", "西宁,青海",
			"海口,海南", "三亚,海南", "义乌,浙江", "昆山,江苏", "晋江,福建", "遵义,贵州", "大理,云南", "喀什,新疆", "延边,吉林",
			"吉林,吉林", "朝阳市,辽宁", "黄南州,青海", "绥化,黑龙江", "临沂,山东", "驻马店,河南", "恩施,湖北", "怀化,湖南",
			"揭阳,广东", "来宾市,广西", "崇左,广西", "百色,广西", "黔东南,贵州", "德宏,云南", "林芝,西藏", "陇南,甘肃",
			"中卫,宁夏", "阿勒泰,新疆", "嘉峪关,甘肃", "雄安,河北", "天府新区,四川", "滨海新区,天津", "两江新区,重庆" })
	void mapsPlacesToTheirProvince(String place, String province) {
		assertThat(GAZETTEER.provinceOf(place)).isEqualTo(province);
	}

	@Test
	void findsTheFirstPlaceInText() {
		assertThat(GAZETTEER.firstRegion("海淀那家做SaaS的北京智码云科技有限公司")).isEqualTo("北京");
		assertThat(GAZETTEER.firstRegion("瑞泰证券浦东营业部 IT负责人")).isEqualTo("上海");
		assertThat(GAZETTEER.firstRegion("我们是做生猪养殖的，在黑龙江哈尔滨")).isEqualTo("黑龙江");
		assertThat(GAZETTEER.firstRegion("请问你们的人脸门禁一套多少钱？")).isNull();
	}

	@Test
	void coversEveryPrefectureLevelCityOfSomeProvinces() {
		Set<String> jiangsu = Set.of("南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港", "淮安", "盐城", "扬州", "镇江", "泰州",
				"宿迁");
		Set<String> guangdong = Set.of("广州", "韶关", "深圳", "珠海", "汕头", "佛山", "江门", "湛江", "茂名", "肇庆", "惠州", "梅州",
				"汕尾", "河源", "阳江", "清远", "东莞", "中山", "潮州", "揭阳", "云浮");
		Set<String> sichuan = Set.of("成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山", "南充", "眉山",
				"宜宾", "广安", "达州", "雅安", "巴中", "资阳", "阿坝", "甘孜", "凉山");
		jiangsu.forEach(c -> assertThat(GAZETTEER.provinceOf(c)).as(c).isEqualTo("江苏"));
		guangdong.forEach(c -> assertThat(GAZETTEER.provinceOf(c)).as(c).isEqualTo("广东"));
		sichuan.forEach(c -> assertThat(GAZETTEER.provinceOf(c)).as(c).isEqualTo("四川"));
	}

	@Test
	void everydayWordsAreNotPlaces() {
		assertThat(GAZETTEER.firstRegion("东方不败，阿里巴巴，和平共处，来宾请签到")).isNull();
	}

}
