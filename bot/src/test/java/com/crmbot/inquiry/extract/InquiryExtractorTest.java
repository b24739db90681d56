package com.crmbot.inquiry.extract;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-written messages that are not in the dev corpus: other cities, names and formats.
 */
class InquiryExtractorTest {

	private static InquiryExtractor extractor;

	@BeforeAll
	static void load() {
		extractor = TestFiles.extractor();
	}

	@Test
	void deniedWorriesAreNoObjections() {
		assertThat(extractor.extract("客户不担心数据安全，也没有预算问题，主要想尽快上线。").objections()).isEmpty();
		assertThat(extractor.extract("客户说不需要请示领导，他自己就能定。").objections()).isEmpty();
		assertThat(extractor.extract("价格不是问题，但是担心售后跟不上。").objections()).containsExactly("trust");
		// a question is not a denial
		assertThat(extractor.extract("你们有没有服务过同体量的电商客户？").objections()).containsExactly("trust");
	}

	@Test
	void theRepsOwnActionsAreNotTheCustomersObjectionsOrNeeds() {
		ExtractedInquiry sent = extractor.extract("今天给宁波海天塑机集团的采购经理发出分期付款方案和阶梯折扣报价，对方说下周给答复。");
		assertThat(sent.objections()).isEmpty();
		assertThat(sent.needType()).isNull();
		// while the customer asking for instalments still is one
		assertThat(extractor.extract("宁波海天塑机集团的采购经理说一次付不起，问能不能分期付款。").objections()).contains("budget");
	}

	@Test
	void aVisitToDemonstrateIsNotAfterSales() {
		assertThat(extractor.extract("南京鼓楼医院的周处长想看看排班系统，下周二上门演示。").needType()).isEqualTo("product_inquiry");
		assertThat(extractor.extract("南京鼓楼医院的周处长说扫码枪坏了，要求上门维修。").needType()).isEqualTo("after_sales");
	}

	@Test
	void manufacturerAskingAboutAProduct() {
		ExtractedInquiry got = extractor.extract("佛山顺德美嘉家电制造有限公司的生产总监黄志强来电，想了解一下你们的设备联网方案，预算一百二十万左右，手机 139-2233-4455。");
		assertThat(got).isEqualTo(new ExtractedInquiry("佛山顺德美嘉家电制造有限公司", "黄志强", "生产总监", null, "+8613922334455",
				1_200_000L, "product_inquiry", List.of(), "广东", "manufacturing"));
	}

	@Test
	void hospitalWhereTheDirectorDecidesNextYear() {
		ExtractedInquiry got = extractor.extract("今天拜访了徐州淮海中心医院，信息科的周科长说HIS要换，但得院长拍板，明年再说。座机 0516-83956677");
		assertThat(got.company()).isEqualTo("徐州淮海中心医院");
		assertThat(got.contact()).isEqualTo("周科长");
		assertThat(got.title()).isEqualTo("科长");
		assertThat(got.decisionMaker()).isFalse();
		assertThat(got.phone()).isEqualTo("+8651683956677");
		assertThat(got.needType()).isNull();
		assertThat(got.objections()).containsExactlyInAnyOrder("timing", "authority");
		assertThat(got.region()).isEqualTo("江苏");
		assertThat(got.industry()).isEqualTo("healthcare");
	}

	@Test
	void assistantAskingForAPrice() {
		ExtractedInquiry got = extractor.extract("你好，我是温州瓯江电商有限公司的运营专员陈晓，领导让我问下你们的客服系统多少钱，预算 8k 以内。");
		assertThat(got).isEqualTo(new ExtractedInquiry("温州瓯江电商有限公司", "陈晓", "运营专员", false, null, 8000L, "price_quote",
				List.of(), "浙江", "retail"));
	}

	@Test
	void urgentSupportCaseWithLandlineWrittenWithCountryCodeAndBrackets() {
		ExtractedInquiry got = extractor.extract("无锡新吴区鑫源物流有限公司 总经理 赵大勇：仓储系统昨天开始一直报错，急需售后上门！电话 +86 (0510) 8123 4567");
		assertThat(got).isEqualTo(new ExtractedInquiry("无锡新吴区鑫源物流有限公司", "赵大勇", "总经理", true, "+8651081234567", null,
				"after_sales", List.of(), "江苏", "logistics"));
	}

	@Test
	void restaurantKnownByItsBrandWithARangeBudget() {
		ExtractedInquiry got = extractor.extract("我们是成都一家火锅店，叫蜀香阁，想装一套扫码点餐，预算3-5万，老板张女士 135 0000 1111");
		assertThat(got).isEqualTo(new ExtractedInquiry("蜀香阁", "张女士", "老板", true, "+8613500001111", 50_000L,
				"product_inquiry", List.of(), "四川", "hospitality"));
	}

	@Test
	void ctoWhoDecidesComparingVendors() {
		ExtractedInquiry got = extractor.extract("深圳南山区的腾云网络科技有限公司CTO刘明说，这个项目他说了算，预算两百万，在对比我们和另外两家。");
		assertThat(got).isEqualTo(new ExtractedInquiry("腾云网络科技有限公司", "刘明", "CTO", true, null, 2_000_000L,
				"solution_comparison", List.of(), "广东", "it"));
	}

	@Test
	void affiliatedHospitalAndTrustConcern() {
		ExtractedInquiry got = extractor.extract("厦门大学附属第一医院设备处处长林国栋：想了解手术室视频系统，有没有三甲医院的落地案例？");
		assertThat(got).isEqualTo(new ExtractedInquiry("厦门大学附属第一医院", "林国栋", "设备处处长", null, null, null,
				"product_inquiry", List.of("trust"), "福建", "healthcare"));
	}

	@Test
	void governmentBureauOutOfBudget() {
		ExtractedInquiry got = extractor.extract("杭州西湖区教育局的孙主任问，智慧校园平台能不能支持人脸考勤，今年预算已经用完了。");
		assertThat(got).isEqualTo(new ExtractedInquiry("杭州西湖区教育局", "孙主任", "主任", null, null, null, "product_inquiry",
				List.of("budget"), "浙江", "government"));
	}

	@Test
	void signedQuoteAfterADashWithFactoryOwner() {
		ExtractedInquiry got = extractor.extract("客户原话：\"你们比金蝶贵太多了，便宜点我们就签。\"——东莞长安镇恒丰五金制品厂 老板 何伟明 电话 0769-85551234");
		assertThat(got.company()).isEqualTo("东莞长安镇恒丰五金制品厂");
		assertThat(got.contact()).isEqualTo("何伟明");
		assertThat(got.title()).isEqualTo("老板");
		assertThat(got.decisionMaker()).isTrue();
		assertThat(got.phone()).isEqualTo("+8676985551234");
		assertThat(got.objections()).containsExactly("price");
		assertThat(got.region()).isEqualTo("广东");
		assertThat(got.industry()).isEqualTo("manufacturing");
	}

	@Test
	void engineerFormOfAddressAndNoBudget() {
		ExtractedInquiry got = extractor.extract("昆山永新精密模具有限公司采购部的郑小姐：麻烦发一下报价单，预算30万到50万之间。电话：0512-57771234");
		assertThat(got).isEqualTo(new ExtractedInquiry("昆山永新精密模具有限公司", "郑小姐", null, null, "+8651257771234", 500_000L,
				"price_quote", List.of(), "江苏", "manufacturing"));
	}

	@Test
	void titleWithoutAName() {
		ExtractedInquiry got = extractor.extract("南京鼓楼医院的信息处处长说他们暂时不需要，过段时间再联系。");
		assertThat(got).isEqualTo(new ExtractedInquiry("南京鼓楼医院", null, "信息处处长", null, null, null, null,
				List.of("timing"), "江苏", "healthcare"));
	}

	@Test
	void familiarFormOfAddressAndDecimalBudget() {
		ExtractedInquiry got = extractor.extract("我是呼和浩特蒙牛乳业的采购员小刘，想了解冷链温控，预算大约1.2万元。");
		assertThat(got.contact()).isEqualTo("小刘");
		assertThat(got.title()).isEqualTo("采购员");
		assertThat(got.decisionMaker()).isFalse();
		assertThat(got.budgetCny()).isEqualTo(12_000L);
		assertThat(got.region()).isEqualTo("内蒙古");
	}

	@Test
	void competitorInUseAndPrice() {
		ExtractedInquiry got = extractor.extract("我们是做跨境电商的，在宁波，想了解ERP，目前用的是旺店通，没什么问题就是贵。");
		assertThat(got.company()).isNull();
		assertThat(got.needType()).isEqualTo("product_inquiry");
		assertThat(got.objections()).containsExactlyInAnyOrder("competitor", "price");
		assertThat(got.region()).isEqualTo("浙江");
		assertThat(got.industry()).isEqualTo("retail");
	}

	@Test
	void meetingDecidesAndMinorityName() {
		ExtractedInquiry got = extractor.extract("克拉玛依新捷能源技术有限公司设备部 阿不都·热合曼：想要一份在线监测的报价，需要开会研究后才能定。手机15899990000");
		assertThat(got.company()).isEqualTo("克拉玛依新捷能源技术有限公司");
		assertThat(got.contact()).isEqualTo("阿不都·热合曼");
		assertThat(got.decisionMaker()).isFalse();
		assertThat(got.phone()).isEqualTo("+8615899990000");
		assertThat(got.needType()).isEqualTo("price_quote");
		assertThat(got.objections()).containsExactly("authority");
		assertThat(got.region()).isEqualTo("新疆");
		assertThat(got.industry()).isEqualTo("energy");
	}

	@Test
	void englishMessage() {
		ExtractedInquiry got = extractor.extract(
				"Hi, this is Peter from Suzhou ABC Electronics Co., Ltd., we want a quote for 50 scanners, budget 30k, tel +86 512 6800 1234");
		assertThat(got.company()).isEqualTo("Suzhou ABC Electronics Co., Ltd.");
		assertThat(got.phone()).isEqualTo("+8651268001234");
		assertThat(got.budgetCny()).isEqualTo(30_000L);
		assertThat(got.needType()).isEqualTo("price_quote");
		assertThat(got.region()).isEqualTo("江苏");
		assertThat(got.industry()).isEqualTo("manufacturing");
	}

	@Test
	void notANeedWhenItIsOnlyTiming() {
		ExtractedInquiry got = extractor.extract("暂时不需要，谢谢。");
		assertThat(got.needType()).isNull();
		assertThat(got.objections()).containsExactly("timing");
	}

	@Test
	void theSellersOwnCompanyIsNotTheCustomer() {
		ExtractedInquiry got = extractor.extract("你们公司多大？有没有做过我们这个行业的案例？");
		assertThat(got.company()).isNull();
		assertThat(got.objections()).containsExactly("trust");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\u200B\uFEFF", "？？？！！！", "1234567890123456789012345", "公司", "王", "有限公司有限公司",
			"预算万万亿亿", "¥", "0512-", "+86", "——", "的的的的的", "叫", "品牌" })
	void neverThrowsAndReturnsARecord(String text) {
		ExtractedInquiry got = extractor.extract(text);
		assertThat(got).isNotNull();
		assertThat(got.objections()).isNotNull();
	}

	@Test
	void nullOrBlankGivesAllNull() {
		assertThat(extractor.extract(null)).isEqualTo(ExtractedInquiry.empty());
		assertThat(extractor.extract(" ")).isEqualTo(ExtractedInquiry.empty());
		assertThat(ExtractedInquiry.empty().objections()).isEmpty();
	}

	@Test
	void serializesWithTheSpecFieldNames() {
		JsonNode json = JsonMapper.builder()
			.build()
			.valueToTree(new ExtractedInquiry("A", "B", "C", true, "+8613812345678", 500_000L, "price_quote",
					List.of("price"), "江苏", "it"));
		assertThat(json.propertyNames()).containsExactly("company", "contact", "title", "decision_maker", "phone",
				"budget_cny", "need_type", "objections", "region", "industry");
		assertThat(json.get("budget_cny").asLong()).isEqualTo(500_000L);
		assertThat(json.get("decision_maker").asBoolean()).isTrue();
		JsonNode empty = JsonMapper.builder().build().valueToTree(ExtractedInquiry.empty());
		assertThat(empty.get("objections").isArray()).isTrue();
		assertThat(empty.get("company").isNull()).isTrue();
		assertThat(new ExtractedInquiry(null, null, null, null, null, null, null, null, null, null).objections())
			.isEmpty();
	}

}
