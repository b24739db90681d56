package com.crmbot.report;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.followup.FollowUpCounters;
import com.crmbot.followup.FollowUpService;
import com.crmbot.pipeline.StageChange;
import com.crmbot.support.BotTestSupport;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports end to end through the web chat: numbers, the Chinese reading, the chart
 * image served to its user only, filters remembered and reset, an empty result naming the
 * filter that emptied it, visibility per role.
 */
class ReportsTest extends BotTestSupport {

	@Autowired
	Clock clock;

	@Autowired
	FollowUpService followUpService;

	@Autowired
	FollowUpCounters counters;

	@Override
	protected void extraCleanup() {
		for (String c : List.of(StageChange.COLLECTION, ReportFilter.COLLECTION, StoredChart.COLLECTION)) {
			mongo.remove(new Query(), c);
		}
	}

	private int n;

	Customer customer(String owner, String dept, String stage, String industry, String region, Long amount,
			List<String> tags) {
		Instant now = clock.instant();
		String id = new ObjectId().toHexString();
		Customer c = new Customer(id, "客户" + (++n), "客户" + n + "有限公司", "key" + id, null, null, null, null, null, null,
				region, industry, owner, dept, stage, tags, Map.of(), 0, now.minus(Duration.ofDays(2)), null, null,
				"command", null, amount, null);
		return mongo.insert(c);
	}

	void followUps(Customer c, int count) {
		for (int i = 0; i < count; i++) {
			// filed the way the bot files them: the customer's counters follow
			followUpService.save(new FollowUp(null, c.id(), FollowUp.Kind.NOTE, "local", "fu-" + c.id() + "-" + i,
					c.ownerId(), "跟进" + i, Map.of(), List.of(), null, clock.instant()));
		}
	}

	void lostFrom(Customer c, String from) {
		mongo.insert(new StageChange(null, c.id(), from, "输单", c.ownerId(), clock.instant(), null, c.ownerId(),
				c.department(), 4.0, null));
	}

	/** Reply JSON of one message. */
	JsonNode ask(String user, String text) {
		Response r = post("/api/local/messages", map("user", user, "text", text, "messageId", "m" + System.nanoTime()));
		assertThat(r.status()).isEqualTo(200);
		return r.json().get("replies").get(0);
	}

	/** GET a chart; {@code ?user=x} signs in as x with a personal API token. */
	HttpResponse<byte[]> image(String path) throws Exception {
		String user = null;
		int q = path.indexOf("?user=");
		if (q >= 0) {
			user = path.substring(q + "?user=".length());
			path = path.substring(0, q);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/" + path)).GET();
		if (user != null) {
			request.header("Authorization", "Bearer " + token(user));
		}
		return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	void funnelData() {
		customer("zhangsan", "east", "线索", null, null, null, List.of());
		customer("zhangsan", "east", "线索", null, null, null, List.of());
		customer("zhangsan", "east", "拜访", null, null, null, List.of());
		for (int i = 0; i < 5; i++) {
			customer("zhangsan", "east", "方案", null, null, null, List.of());
		}
		customer("zhangsan", "east", "谈判", null, null, null, List.of());
		customer("zhangsan", "east", "成交", null, null, 500_000L, List.of("A"));
		lostFrom(customer("zhangsan", "east", "输单", null, null, null, List.of()), "方案");
		// another rep's and another department's customers
		customer("lisi", "east", "方案", null, null, null, List.of());
		customer("sunli", "south", "成交", null, null, 80_000L, List.of());
	}

	@Test
	void funnelShowsStagesConversionDaysWonLostAndTheAlertWithAChartForItsUserOnly() throws Exception {
		funnelData();
		// a real stage move records how long the customer sat in its stage
		Customer moved = customer("zhangsan", "east", "线索", null, null, null, List.of());
		assertThat(sayText("zhangsan", "/stage " + moved.name() + " 意向")).contains("意向");
		StageChange change = mongo.findOne(
				Query.query(org.springframework.data.mongodb.core.query.Criteria.where("customerId").is(moved.id())),
				StageChange.class);
		assertThat(change.department()).isEqualTo("east");
		assertThat(change.ownerId()).isEqualTo("zhangsan");
		assertThat(change.daysInFrom()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(0.01));

		JsonNode reply = ask("zhangsan", "/漏斗");
		String text = reply.get("text").asString();
		// zhangsan's own 12 customers: 11 above plus the moved one
		assertThat(text).contains("销售漏斗（最近30天）")
			.contains("共 12 个客户")
			.contains("成交 1 个（金额 500,000 元）")
			.contains("输单 1 个");
		// 方案 reached: 5 there + 1 lost from it + 1 谈判 + 1 成交 = 8; 谈判 reached 2 → 25%
		assertThat(text).contains("• 方案：当前 5 个，累计到达 8 个，进入下一阶段 25%")
			.contains("⚠ 方案→谈判 转化率 25%，低于预警线 30%")
			.contains("• 线索：当前 2 个，累计到达 12 个")
			.contains("平均停留 2.0 天");
		assertThat(text).doesNotContain("${").doesNotContain("FUNNEL").doesNotContain("null");
		String image = reply.get("image").asString();
		assertThat(image).matches("api/charts/[0-9a-f]{32}\\.png");
		assertThat(reply.has("imageRef")).isFalse();

		HttpResponse<byte[]> own = image(image + "?user=zhangsan");
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.headers().firstValue("Content-Type")).hasValue("image/png");
		var png = ImageIO.read(new ByteArrayInputStream(own.body()));
		assertThat(png.getWidth()).isEqualTo(ChartRenderer.WIDTH);
		assertThat(image(image + "?user=lisi").statusCode()).isEqualTo(403);
		assertThat(image(image).statusCode()).isEqualTo(401);
		assertThat(image("api/charts/" + "0".repeat(32) + ".png?user=zhangsan").statusCode()).isEqualTo(404);
	}

	@Test
	void visibilityRepOwnSupervisorDepartmentDirectorAll() {
		funnelData();
		assertThat(sayText("lisi", "/漏斗")).contains("共 1 个客户");
		assertThat(sayText("zhao", "/漏斗")).contains("共 12 个客户");
		assertThat(sayText("qian", "/漏斗")).contains("共 1 个客户").contains("成交 1 个（金额 80,000 元）");
		assertThat(sayText("boss", "/漏斗")).contains("共 13 个客户").contains("成交 2 个（金额 580,000 元）");
		// a supervisor filtering another department sees nothing, and is told why
		assertThat(sayText("zhao", "/漏斗 部门:华南销售部")).contains("筛选条件「部门=华南销售部」把结果筛空了");
		assertThat(sayText("boss", "/漏斗 部门:华南销售部")).contains("共 1 个客户");
	}

	@Test
	void filtersAreRememberedResetAndAnEmptyResultNamesTheFilterThatEmptiedIt() {
		funnelData();
		String empty = sayText("boss", "/漏斗 标签:VIP");
		assertThat(empty).contains("筛选条件「标签=VIP」把结果筛空了（去掉它有 13 个客户）").contains("/漏斗 重置");
		// remembered for the next report too
		assertThat(sayText("boss", "/行业")).contains("标签=VIP");
		assertThat(sayText("boss", "/漏斗 标签:A")).contains("共 1 个客户").contains("标签=A");
		assertThat(sayText("boss", "/漏斗 重置")).contains("共 13 个客户").doesNotContain("标签");
		assertThat(sayText("boss", "/漏斗 负责人:李四 阶段:方案")).contains("共 1 个客户").contains("负责人=李四").contains("阶段=方案");
		assertThat(sayText("boss", "/漏斗 负责人:全部 阶段:全部 本月")).contains("本月");
		// a custom range before any customer existed empties the report; the range is
		// named
		assertThat(sayText("boss", "/漏斗 2020-01-01~2020-01-31")).contains("筛选条件「2020-01-01~2020-01-31」把结果筛空了");
		assertThat(sayText("boss", "/漏斗 最近30天")).contains("共 13 个客户");
		assertThat(sayText("boss", "/漏斗 部门:火星")).contains("看不懂筛选条件「部门:火星」");
		assertThat(sayText("boss", "/报表 天气")).contains("没有「天气」这个报表");
		assertThat(sayText("boss", "/report funnel 全部时间")).contains("全部时间").contains("共 13 个客户");
	}

	@Test
	void industryShareRegionMapAndCorrelation() throws Exception {
		List<Customer> all = new ArrayList<>();
		all.add(customer("zhangsan", "east", "成交", "manufacturing", "江苏", 300_000L, List.of()));
		all.add(customer("zhangsan", "east", "成交", "manufacturing", "江苏省苏州市", 200_000L, List.of()));
		all.add(customer("zhangsan", "east", "方案", "education", "广东", null, List.of()));
		all.add(customer("zhangsan", "east", "线索", null, "广东", null, List.of()));
		all.add(customer("zhangsan", "east", "拜访", "education", null, null, List.of()));
		followUps(all.get(0), 6);
		followUps(all.get(1), 5);
		followUps(all.get(2), 2);
		followUps(all.get(3), 1);

		String industry = sayText("zhangsan", "/行业");
		assertThat(industry).contains("共 5 个客户")
			.contains("成交 2 个，金额 500,000 元")
			.contains("（40%）")
			.contains("未填写：1 个（20%）");
		assertThat(industry).doesNotContain("manufacturing");

		JsonNode region = ask("zhangsan", "/地区");
		assertThat(region.has("image")).as(region.toString()).isTrue();
		assertThat(region.get("text").asString()).contains("• 江苏：2 个，成交 2 个（成交率 100%），金额 500,000 元")
			.contains("• 广东：2 个，成交 0 个（成交率 0%）")
			.contains("• 未填写：1 个");
		assertThat(image(region.get("image").asString() + "?user=zhangsan").statusCode()).isEqualTo(200);

		String corr = sayText("zhangsan", "/相关性");
		assertThat(corr).contains("5 个客户，成交 2 个")
			.contains("• 跟进 5-9 次：2 个客户，成交 2 个（成交率 100%）")
			.contains("• 跟进 0 次：1 个客户，成交 0 个（成交率 0%）")
			.contains("跟进 5 次以上的客户成交率 100%（2 个），不足 5 次的为 0%（3 个）")
			.contains("正相关");
		// rho of follow-ups (6,5,2,1,0) vs amounts (3e5,2e5,0,0,0): ranks (5,4,3,2,1) vs
		// (5,4,2,2,2)
		assertThat(corr).contains("ρ = 0.89");
	}

	@Test
	void theFollowUpCountersFollowFilingAndTheBackfillSetsThemFromTheFollowUps() {
		Customer a = customer("zhangsan", "east", "方案", null, null, null, List.of());
		Customer b = customer("zhangsan", "east", "方案", null, null, null, List.of());
		followUps(a, 3);
		followUpService.save(new FollowUp(null, a.id(), FollowUp.Kind.SYSTEM, "local", "sys-" + a.id(), null,
				"contact added", Map.of(), List.of(), null, clock.instant()));
		// the same platform message filed again counts once
		followUpService.save(new FollowUp(null, a.id(), FollowUp.Kind.NOTE, "local", "fu-" + a.id() + "-0", a.ownerId(),
				"again", Map.of(), List.of(), null, clock.instant()));
		assertThat(counter(a)).isEqualTo(3);
		// follow-ups written before the counters existed (directly into the store)
		Instant now = clock.instant();
		for (int i = 0; i < 4; i++) {
			mongo.insert(new FollowUp(null, b.id(), FollowUp.Kind.NOTE, "old", "old-" + b.id() + "-" + i, b.ownerId(),
					"old" + i, Map.of(), List.of(), null, now.minus(Duration.ofDays(i))));
		}
		assertThat(counter(b)).isZero();
		assertThat(counters.backfill()).isEqualTo(2);
		assertThat(counter(a)).isEqualTo(3);
		assertThat(counter(b)).isEqualTo(4);
		// idempotent: a second run (after a crash in the middle) gives the same values
		counters.backfill();
		assertThat(counter(b)).isEqualTo(4);
		org.bson.Document raw = mongo.findById(b.id(), org.bson.Document.class, Customer.COLLECTION);
		assertThat(raw.get(FollowUpCounters.LAST)).isEqualTo(java.util.Date.from(now));
		assertThat(sayText("zhangsan", "/相关性 全部时间")).contains("• 跟进 3-4 次：2 个客户");
	}

	private int counter(Customer c) {
		org.bson.Document raw = mongo.findById(c.id(), org.bson.Document.class, Customer.COLLECTION);
		Object n = raw.get(FollowUpCounters.COUNT);
		return (n == null) ? 0 : ((Number) n).intValue();
	}

	@Test
	void aRecordedDealIsTheCustomersAmountInShowAndReportsAPendingOneIsNot() {
		Customer c = customer("zhangsan", "east", "成交", "manufacturing", null, null, List.of());
		sayText("zhangsan", "/deal " + c.name() + " 50000");
		assertThat(mongo.findById(c.id(), Customer.class).dealAmount()).isEqualTo(50_000L);
		assertThat(sayText("zhangsan", "/show " + c.name())).contains("成交金额：5万");
		assertThat(sayText("zhangsan", "/行业")).contains("成交 1 个，金额 50,000 元");
		// above the approval threshold: pending, the customer's amount stays
		assertThat(sayText("zhangsan", "/deal " + c.name() + " 300000")).contains("审批");
		assertThat(mongo.findById(c.id(), Customer.class).dealAmount()).isEqualTo(50_000L);
	}

}
