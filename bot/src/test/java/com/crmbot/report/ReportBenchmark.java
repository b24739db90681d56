package com.crmbot.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.crmbot.CrmBotApplication;
import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Every report over N customers and M follow-ups on the embedded store (in memory), for a
 * director (all), a supervisor (department) and a rep (own), side by side with the
 * baseline the issue names: loading every customer document into Java and grouping there.
 * Test scope only; run from the repository root:
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -pl bot -am -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.crmbot.report.ReportBenchmark -Dexec.args="100000 500000"
 * </pre>
 */
public final class ReportBenchmark {

	private ReportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int customers = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int followUps = (args.length > 1) ? Integer.parseInt(args[1]) : 500_000;
		// system properties: they win over the test classpath's application.properties
		for (String kv : List.of("crmbot.store.in-memory=true", "crmbot.config.dir=./config",
				"crmbot.templates.dir=./templates", "crmbot.reports.chart-dir=bot/target/bench-charts",
				"spring.quartz.auto-startup=false", "crmbot.outbox.background=false", "logging.level.root=warn",
				"spring.main.banner-mode=off")) {
			System.setProperty(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
		}
		try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CrmBotApplication.class)
			.web(WebApplicationType.NONE)
			.run()) {
			MongoTemplate mongo = ctx.getBean(MongoTemplate.class);
			Clock clock = ctx.getBean(Clock.class);
			long t0 = System.nanoTime();
			load(mongo, clock, customers, followUps);
			System.out.printf("loaded %,d customers and %,d follow-ups in %.1f s%n", customers, followUps,
					(System.nanoTime() - t0) / 1e9);
			AdminConfig cfg = ctx.getBean(ConfigService.class).get();
			Reports reports = ctx.getBean(Reports.class);
			ReportService service = ctx.getBean(ReportService.class);
			System.out.println("| report | as | customers in scope | ms (in the store) |");
			System.out.println("|---|---|---:|---:|");
			for (String user : List.of("boss", "zhao", "zhangsan")) {
				Actor actor = new Actor(cfg.user(user).orElseThrow(), cfg.roleOf(cfg.user(user).orElseThrow()));
				ReportFilter f = new ReportFilter(user, ReportFilter.Range.ALL, null, null, null, null, null, null,
						null);
				long inScope = service.count(actor, f);
				for (Reports.Kind kind : Reports.Kind.values()) {
					reports.run(kind, actor, f); // warm
					long s = System.nanoTime();
					Reports.Result r = reports.run(kind, actor, f);
					long ms = (System.nanoTime() - s) / 1_000_000;
					if (r.chartId() == null) {
						throw new IllegalStateException(kind + " for " + user + " drew no chart: " + r.text());
					}
					System.out.printf("| %s | %s (%s) | %,d | %d |%n", kind.name().toLowerCase(), user,
							actor.role().id(), inScope, ms);
				}
			}
			// the baseline: every customer document into Java, grouped there
			long s = System.nanoTime();
			Map<String, Integer> byStage = new HashMap<>();
			for (Customer c : mongo.find(new Query(), Customer.class)) {
				byStage.merge(String.valueOf(c.stage()), 1, Integer::sum);
			}
			long baseline = (System.nanoTime() - s) / 1_000_000;
			System.out.printf("baseline: funnel counts by loading all %,d customers into Java: %d ms%n",
					byStage.values().stream().mapToInt(Integer::intValue).sum(), baseline);
		}
	}

	static void load(MongoTemplate mongo, Clock clock, int customers, int followUps) {
		Random rnd = new Random(42);
		String[] stages = { "线索", "意向", "拜访", "方案", "谈判", "成交", "输单" };
		String[] regions = { "江苏", "浙江", "广东", "上海", "北京", "四川", "山东", "湖北", null };
		String[] industries = { "manufacturing", "education", "retail", "it", null };
		String[][] owners = { { "zhangsan", "east" }, { "lisi", "east" }, { "sunli", "south" }, { "boss", "hq" } };
		Instant now = clock.instant();
		List<String> ids = new ArrayList<>(customers);
		List<Document> batch = new ArrayList<>();
		List<Document> changes = new ArrayList<>();
		for (int i = 0; i < customers; i++) {
			String id = new ObjectId().toHexString();
			ids.add(id);
			String[] o = owners[rnd.nextInt(owners.length)];
			String stage = stages[rnd.nextInt(stages.length)];
			Document d = new Document("_id", id).append("name", "客户" + i)
				.append("ownerId", o[0])
				.append("department", o[1])
				.append("stage", stage)
				.append("region", regions[rnd.nextInt(regions.length)])
				.append("industry", industries[rnd.nextInt(industries.length)])
				.append("tags", List.of((i % 3 == 0) ? "A" : "B"))
				.append("source", "import")
				.append("score", 0)
				.append("createdAt", java.util.Date.from(now.minus(Duration.ofDays(rnd.nextInt(300)))));
			if ("成交".equals(stage)) {
				d.append("dealAmount", 10_000L + rnd.nextInt(1_000_000));
			}
			batch.add(d);
			if (i % 2 == 0) {
				changes.add(new Document("_id", new ObjectId().toHexString()).append("customerId", id)
					.append("from", "拜访")
					.append("to", stage)
					.append("at", java.util.Date.from(now.minus(Duration.ofDays(rnd.nextInt(200)))))
					.append("ownerId", o[0])
					.append("department", o[1])
					.append("daysInFrom", rnd.nextDouble() * 30));
			}
			if (batch.size() == 2000) {
				mongo.getCollection(Customer.COLLECTION).insertMany(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			mongo.getCollection(Customer.COLLECTION).insertMany(batch);
		}
		for (int i = 0; i < changes.size(); i += 2000) {
			mongo.getCollection("stage_history").insertMany(changes.subList(i, Math.min(changes.size(), i + 2000)));
		}
		batch.clear();
		for (int i = 0; i < followUps; i++) {
			batch.add(new Document("_id", new ObjectId().toHexString())
				.append("customerId",
						ids.get((int) Math.min(customers - 1, Math.abs(rnd.nextGaussian()) * customers / 2)))
				.append("kind", FollowUp.Kind.NOTE.name())
				.append("platform", "bench")
				.append("platformMessageId", "b" + i)
				.append("text", "跟进")
				.append("at", java.util.Date.from(now)));
			if (batch.size() == 2000) {
				mongo.getCollection(FollowUp.COLLECTION).insertMany(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			mongo.getCollection(FollowUp.COLLECTION).insertMany(batch);
		}
	}

}
