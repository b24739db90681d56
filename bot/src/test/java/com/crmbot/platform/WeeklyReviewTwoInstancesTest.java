package com.crmbot.platform;

import com.crmbot.testsupport.PlatformStub;
import com.crmbot.testsupport.MutableClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.crmbot.support.SharedStoreInstances;
import com.crmbot.approval.Deal;
import com.crmbot.connector.outbox.Outbox;
import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.pipeline.StageChange;
import com.crmbot.schedule.WorkflowTicker;
import com.crmbot.scoring.ScoringService;
import com.crmbot.task.Task;
import com.crmbot.task.TestClockConfig;
import com.crmbot.task.WorkflowTestSupport;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weekly review with two application instances on one store, the shared test clock
 * and the WeCom/DingTalk stand-in: at Monday 09:00 both instances tick at once; each rep
 * gets their week once (WeCom app message), each supervisor the team digest, and the east
 * department's group robots the digest with the funnel chart (WeCom robot: image + text;
 * DingTalk custom robot: text). A run re-claimed after its lease expired (a crashed
 * instance) queues nothing twice; the next day nothing runs again.
 */
class WeeklyReviewTwoInstancesTest {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PlatformStub stub = new PlatformStub();

	private SharedStoreInstances instances;

	@AfterEach
	void stop() {
		if (instances != null) {
			instances.close();
		}
	}

	private ConfigurableApplicationContext start(String name, Path config, Path charts) {
		return instances.start("review-" + name, config, "--spring.quartz.auto-startup=false",
				"--crmbot.outbox.background=false", "--crmbot.reports.chart-dir=" + charts,
				"--crmbot.wecom.enabled=true", "--crmbot.wecom.corp-id=" + PlatformTestSupport.CORP_ID,
				"--crmbot.wecom.agent-id=1000002", "--crmbot.wecom.secret=app-secret-value-e2e",
				"--crmbot.wecom.token=" + PlatformTestSupport.WECOM_TOKEN,
				"--crmbot.wecom.encoding-aes-key=" + PlatformTestSupport.AES_KEY,
				"--crmbot.wecom.api-base-url=" + stub.baseUrl(), "--crmbot.dingtalk.enabled=true",
				"--crmbot.dingtalk.client-id=" + PlatformTestSupport.DINGTALK_CLIENT_ID,
				"--crmbot.dingtalk.client-secret=" + PlatformTestSupport.DINGTALK_SECRET, "--crmbot.dingtalk.mode=http",
				"--crmbot.dingtalk.api-endpoint=127.0.0.1:" + stub.port(), "--crmbot.dingtalk.api-protocol=http",
				"--crmbot.dingtalk.oapi-base-url=" + stub.baseUrl(), "--crmbot.wecom.robots.east-team=wecom-east-key",
				"--crmbot.dingtalk.robots.east-team.access-token=dt-east-token",
				"--crmbot.dingtalk.robots.east-team.secret=SECeast0123456789");
	}

	private static Path config() throws IOException {
		Path dir = Files.createTempDirectory("crmbot-review");
		try (Stream<Path> files = Files.list(Path.of("../config"))) {
			for (Path f : files.toList()) {
				Files.copy(f, dir.resolve(f.getFileName()));
			}
		}
		return dir;
	}

	private static Instant at(int month, int day, int hour) {
		return ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, ZONE).toInstant();
	}

	private static void seed(MongoTemplate mongo) {
		List<Customer> customers = new ArrayList<>();
		String[] stages = { "拜访", "方案", "方案", "谈判", "成交" };
		for (int i = 0; i < stages.length; i++) {
			customers.add(new Customer(new ObjectId().toHexString(), "周报客户" + i, null, null, null, null, null, null,
					null, null, "江苏", null, "zhangsan", "east", stages[i], List.of(), Map.of(), 0, at(11, 20, 10), null,
					null, "command", null, null, null));
		}
		mongo.insertAll(customers);
		String c0 = customers.get(0).id();
		String c4 = customers.get(4).id();
		// the week under review: Mon 2026-11-30 .. Sun 2026-12-06 (2026-W49)
		for (int d = 1; d <= 3; d++) {
			mongo.insert(followUp(c0, at(12, d, 15)));
		}
		mongo.insert(followUp(c0, at(11, 25, 15))); // the week before
		mongo.insert(followUp(c0, at(12, 7, 8))); // this week: not counted
		mongo.insert(
				new StageChange(null, c4, "方案", "谈判", "zhangsan", at(12, 2, 10), null, "zhangsan", "east", 3.0, null));
		mongo.insert(new StageChange(null, c4, "谈判", "成交", "zhangsan", at(12, 4, 10), 500_000L, "zhangsan", "east", 2.0,
				null));
		mongo.insert(
				new StageChange(null, c0, "方案", "输单", "zhangsan", at(11, 24, 10), null, "zhangsan", "east", 5.0, "价格"));
		mongo.insert(new Deal(null, c4, "周报客户4", "zhangsan", 500_000L, Deal.Status.APPROVED, "A1001", at(12, 3, 10),
				at(12, 4, 9), "test-deal"));
		mongo.insert(new Task(null, c0, "zhangsan", "回访", at(12, 5, 10), Task.Priority.NORMAL, Task.Status.OPEN,
				"zhangsan", at(12, 1, 10), "test", "test-task"));
		mongo.insert(new Document(Map.of("_id", c0 + ":2026-12-02", "customerId", c0, "ownerId", "zhangsan",
				"department", "east", "at", java.util.Date.from(at(12, 2, 11)))), ScoringService.POOL_ENTRIES);
	}

	private static FollowUp followUp(String customerId, Instant at) {
		return new FollowUp(null, customerId, FollowUp.Kind.NOTE, "test", new ObjectId().toHexString(), "zhangsan",
				"跟进", Map.of(), List.of(), null, at);
	}

	private static long weekly(MongoTemplate mongo) {
		return mongo.count(Query.query(Criteria.where("_id").regex("^weekly:2026-W49:")), OutboxEntry.class);
	}

	@Test
	void mondayNineOClockSendsEveryoneTheirWeekOnceAcrossTwoInstances() throws Exception {
		instances = new SharedStoreInstances();
		Path config = config();
		Path charts = Files.createTempDirectory("crmbot-review-charts");
		MutableClock clock = WorkflowTestSupport.CLOCK;
		clock.set(at(12, 7, 9).minus(Duration.ofMinutes(1)));

		ConfigurableApplicationContext a = start("a", config, charts);
		ConfigurableApplicationContext b = start("b", config, charts);
		MongoTemplate mongo = a.getBean(MongoTemplate.class);
		seed(mongo);

		// 08:59: not yet
		a.getBean(WorkflowTicker.class).tick();
		b.getBean(WorkflowTicker.class).tick();
		assertThat(mongo.count(new Query(), "weekly_reviews")).isZero();
		assertThat(weekly(mongo)).isZero();

		// 09:00: both instances tick at once
		clock.set(at(12, 7, 9).plusSeconds(30));
		CompletableFuture<Void> ta = CompletableFuture.runAsync(() -> a.getBean(WorkflowTicker.class).tick());
		CompletableFuture<Void> tb = CompletableFuture.runAsync(() -> b.getBean(WorkflowTicker.class).tick());
		CompletableFuture.allOf(ta, tb).get();
		a.getBean(WorkflowTicker.class).tick();
		b.getBean(WorkflowTicker.class).tick();
		List<Document> runs = mongo.findAll(Document.class, "weekly_reviews");
		assertThat(runs).singleElement().satisfies((r) -> {
			assertThat(r.get("_id")).isEqualTo("2026-W49");
			assertThat(r.get("done")).isEqualTo(true);
		});
		// reps zhangsan, lisi, xiaowang, sunli; supervisors zhao, qian, boss; east's two
		// robots
		assertThat(weekly(mongo)).isEqualTo(9);

		// an instance that claimed the week and died: the lease expires, another
		// instance
		// re-runs it, the outbox keys keep every push single
		mongo.updateFirst(Query.query(Criteria.where("_id").is("2026-W49")),
				new Update().set("done", false).set("owner", "dead").set("leaseUntil", at(12, 7, 8)), "weekly_reviews");
		b.getBean(WorkflowTicker.class).tick();
		assertThat(mongo.findById("2026-W49", Document.class, "weekly_reviews").get("done")).isEqualTo(true);
		assertThat(weekly(mongo)).isEqualTo(9);

		a.getBean(Outbox.class).drain();
		b.getBean(Outbox.class).drain();

		List<String> toZhangsan = new ArrayList<>();
		List<String> toZhao = new ArrayList<>();
		for (PlatformStub.Call c : stub.calls("/cgi-bin/message/send")) {
			JsonNode m = JSON.readTree(c.body());
			if (!m.has("text")) {
				continue;
			}
			String text = m.get("text").get("content").asString();
			if (m.get("touser").asString().equals("ZhangSan")) {
				toZhangsan.add(text);
			}
			if (m.get("touser").asString().equals("ZhaoZhuGuan")) {
				toZhao.add(text);
			}
		}
		assertThat(toZhangsan).singleElement()
			.satisfies((t) -> assertThat(t).contains("周报 2026-W49", "2026-11-30 ~ 2026-12-06",
					"跟进 3 次（前一周 1），比前一周多 2 次", "阶段推进 2 次（前一周 1），成交 1 个（前一周 0），输单 0 个", "登记成交 1 笔，金额 500,000 元",
					"逾期未完成任务 1 个", "新进重点跟进池 1 个", "成交转化：100%（成交 1 / 结案 1）（前一周 0%（成交 0 / 结案 1））"));
		assertThat(toZhao).singleElement()
			.satisfies((t) -> assertThat(t).contains("团队周报 2026-W49", "华东销售部", "• 张三：跟进 3 次", "• 李四：跟进 0 次",
					"合计：跟进 3 次（前一周 1）", "销售漏斗", "共 5 个客户"));

		List<PlatformStub.Call> robot = stub.calls("/cgi-bin/webhook/send");
		assertThat(robot).allSatisfy((c) -> assertThat(c.param("key")).isEqualTo("wecom-east-key"));
		assertThat(robot).hasSize(2);
		JsonNode image = JSON.readTree(robot.get(0).body());
		assertThat(image.get("msgtype").asString()).isEqualTo("image");
		byte[] png = java.util.Base64.getDecoder().decode(image.get("image").get("base64").asString());
		assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
		assertThat(robot.get(1).body()).contains("团队周报 2026-W49", "张三");
		assertThat(stub.calls("/robot/send")).singleElement()
			.satisfies((c) -> assertThat(c.body()).contains("团队周报 2026-W49", "张三"));

		// Tuesday 09:00: the review is not sent again
		clock.set(at(12, 8, 9).plusSeconds(30));
		a.getBean(WorkflowTicker.class).tick();
		assertThat(mongo.count(new Query(), "weekly_reviews")).isEqualTo(1);
	}

}
