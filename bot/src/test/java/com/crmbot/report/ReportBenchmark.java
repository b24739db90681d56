package com.crmbot.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import com.crmbot.CrmBotApplication;
import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.followup.FollowUpCounters;
import com.crmbot.pipeline.StageChange;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Every report over N customers and M follow-ups on the embedded file store, for a
 * director (all), a supervisor (department) and a rep (own), without and with a typical
 * filter, side by side with the baseline: the report queries as they were before the
 * per-customer counters ({@link LegacyReportService}). Also the dashboard page (all four
 * reports). Test scope only; run from the repository root:
 *
 * <pre>
 * ./mvnw -q -o -pl bot -am test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.crmbot.report.ReportBenchmark -Dexec.args="100000 500000" \
 *   -Dbench.dir=/tmp/report-bench
 * </pre>
 *
 * The data directory ({@code bench.dir}, default {@code bot/target/report-bench}) is
 * seeded once with bulk inserts (minutes) and reused while it holds exactly N customers
 * and M follow-ups. {@code -Dbench.baseline=false} skips the baseline,
 * {@code -Dbench.warm=false} the untimed first run; {@code -Dbench.users=boss,zhangsan}
 * and {@code -Dbench.filters=none,filtered} choose the rows.
 */
public final class ReportBenchmark {

	private ReportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int customers = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int followUps = (args.length > 1) ? Integer.parseInt(args[1]) : 500_000;
		Path dir = Path.of(System.getProperty("bench.dir", "bot/target/report-bench")).toAbsolutePath();
		boolean baseline = Boolean.parseBoolean(System.getProperty("bench.baseline", "true"));
		boolean warm = Boolean.parseBoolean(System.getProperty("bench.warm", "true"));
		List<String> users = List.of(System.getProperty("bench.users", "boss,zhao,zhangsan").split(","));
		List<String> filterNames = List.of(System.getProperty("bench.filters", "none,filtered").split(","));
		Files.createDirectories(dir);
		// system properties: they win over the test classpath's application.properties
		for (String kv : List.of("crmbot.store.in-memory=false", "crmbot.store.data-dir=" + dir.resolve("data"),
				"crmbot.store.port=0", "crmbot.config.dir=./config", "crmbot.templates.dir=./templates",
				"crmbot.reports.chart-dir=" + dir.resolve("charts"), "spring.quartz.auto-startup=false",
				"crmbot.outbox.background=false", "logging.level.root=warn", "spring.main.banner-mode=off")) {
			System.setProperty(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
		}
		try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CrmBotApplication.class)
			.web(WebApplicationType.NONE)
			.run()) {
			MongoTemplate mongo = ctx.getBean(MongoTemplate.class);
			Clock clock = ctx.getBean(Clock.class);
			long have = mongo.getCollection(Customer.COLLECTION).estimatedDocumentCount();
			long haveF = mongo.getCollection(FollowUp.COLLECTION).estimatedDocumentCount();
			if (have != customers || haveF != followUps) {
				long t0 = System.nanoTime();
				seed(mongo, clock, customers, followUps);
				System.out.printf("seeded %,d customers and %,d follow-ups into %s in %.1f s%n", customers, followUps,
						dir, (System.nanoTime() - t0) / 1e9);
				t0 = System.nanoTime();
				long n = ctx.getBean(FollowUpCounters.class).backfill();
				System.out.printf("backfilled the follow-up counters of %,d customers in %.1f s%n", n,
						(System.nanoTime() - t0) / 1e9);
			}
			else {
				System.out.printf("reusing %,d customers and %,d follow-ups in %s%n", have, haveF, dir);
			}
			AdminConfig cfg = ctx.getBean(ConfigService.class).get();
			Reports reports = ctx.getBean(Reports.class);
			ReportService service = ctx.getBean(ReportService.class);
			LegacyReportService legacy = new LegacyReportService(mongo, ctx.getBean(ReportScope.class),
					ctx.getBean(ConfigService.class));
			DashboardController dashboard = ctx.getBean(DashboardController.class);
			System.out.printf("load average at start: %.2f%n",
					java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			System.out.println(
					"| report | as | filter | customers in scope | before: old queries, ms | after: report with chart, ms |");
			System.out.println("|---|---|---|---:|---:|---:|");
			List<String> slow = new ArrayList<>();
			for (String user : users) {
				Actor actor = new Actor(cfg.user(user).orElseThrow(), cfg.roleOf(cfg.user(user).orElseThrow()));
				Map<String, ReportFilter> filters = Map.of("none",
						new ReportFilter(user, ReportFilter.Range.ALL, null, null, null, null, null, null, null),
						"this quarter + tag A", new ReportFilter(user, ReportFilter.Range.THIS_QUARTER, null, null,
								null, null, null, null, "A"));
				for (String fname : List.of("none", "this quarter + tag A")) {
					ReportFilter f = filters.get(fname);
					long inScope = service.count(actor, f);
					for (Reports.Kind kind : Reports.Kind.values()) {
						if (warm) {
							reports.run(kind, actor, f);
						}
						long s = System.nanoTime();
						Reports.Result r = reports.run(kind, actor, f);
						long ms = (System.nanoTime() - s) / 1_000_000;
						if (r.chartId() == null) {
							throw new IllegalStateException(kind + " for " + user + " drew no chart: " + r.text());
						}
						String before = "-";
						if (baseline) {
							before = String.valueOf(time(() -> {
								legacy.count(actor, f);
								return switch (kind) {
									case FUNNEL -> legacy.funnel(actor, f);
									case INDUSTRY -> legacy.share(actor, f, "industry");
									case REGION -> legacy.share(actor, f, "region");
									case CORRELATION -> legacy.correlation(actor, f);
								};
							}));
						}
						if (ms > 2000) {
							slow.add(kind + "/" + user + "/" + fname);
						}
						System.out.printf("| %s | %s (%s) | %s | %,d | %s | %d |%n", kind.name().toLowerCase(), user,
								actor.role().id(), fname, inScope, before, ms);
					}
				}
			}
			for (String user : users) {
				Principal p = () -> user;
				Map<String, String> form = Map.of("range", "all");
				if (warm) {
					dashboard.dashboard(p, form);
				}
				long ms = time(() -> dashboard.dashboard(p, form));
				System.out.printf("dashboard page (four reports, range all) as %s: %d ms%n", user, ms);
			}
			System.out.printf("load average at end: %.2f%n",
					java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			System.out.println(slow.isEmpty() ? "every report within 2 s" : "over 2 s: " + slow);
		}
	}

	private static long time(Supplier<?> work) {
		long s = System.nanoTime();
		work.get();
		return (System.nanoTime() - s) / 1_000_000;
	}

	/** Bulk inserts (2,000 a batch) of customers, stage history and follow-ups. */
	static void seed(MongoTemplate mongo, Clock clock, int customers, int followUps) {
		for (String c : List.of(Customer.COLLECTION, FollowUp.COLLECTION, StageChange.COLLECTION)) {
			mongo.getCollection(c).deleteMany(new Document());
		}
		Random rnd = new Random(42);
		String[] stages = { "线索", "意向", "拜访", "方案", "谈判", "成交", "输单" };
		String[] regions = { "江苏省苏州市", "浙江省杭州市", "广东省深圳市", "上海市", "北京市", "四川省成都市", "山东省济南市", "湖北省武汉市", null };
		String[] industries = { "manufacturing", "education", "retail", "it", null };
		String[] sources = { "import", "inquiry", "command" };
		String[][] owners = { { "zhangsan", "east" }, { "lisi", "east" }, { "sunli", "south" }, { "boss", "hq" } };
		Instant now = clock.instant();
		List<String> ids = new ArrayList<>(customers);
		List<Document> batch = new ArrayList<>();
		List<Document> changes = new ArrayList<>();
		for (int i = 0; i < customers; i++) {
			ObjectId oid = new ObjectId();
			String id = oid.toHexString();
			ids.add(id);
			String[] o = owners[rnd.nextInt(owners.length)];
			String stage = stages[rnd.nextInt(stages.length)];
			// stored the way Spring stores a hex id: as an ObjectId
			Document d = new Document("_id", oid).append("name", "客户" + i)
				.append("company", "苏州某某机械制造有限公司" + i)
				.append("companyKey", "suzhou-" + i)
				.append("phones", List.of("+86138" + String.format("%08d", i)))
				.append("contact", "王经理")
				.append("title", "采购经理")
				.append("needType", "equipment")
				.append("budgetCny", 100_000L + rnd.nextInt(900_000))
				.append("ownerId", o[0])
				.append("department", o[1])
				.append("stage", stage)
				.append("region", regions[rnd.nextInt(regions.length)])
				.append("industry", industries[rnd.nextInt(industries.length)])
				.append("tags", List.of((i % 3 == 0) ? "A" : "B"))
				.append("fields", new Document("note", "需要三台设备，下月报价"))
				.append("source", sources[rnd.nextInt(sources.length)])
				.append("score", rnd.nextInt(100))
				.append("createdAt", Date.from(now.minus(Duration.ofDays(rnd.nextInt(300)))))
				.append("lastContactAt", Date.from(now.minus(Duration.ofDays(rnd.nextInt(60)))))
				.append("version", 1L);
			if ("成交".equals(stage)) {
				d.append("dealAmount", 10_000L + rnd.nextInt(1_000_000));
			}
			batch.add(d);
			if (i % 2 == 0) {
				changes.add(new Document("_id", new ObjectId().toHexString()).append("customerId", id)
					.append("from", "拜访")
					.append("to", stage)
					.append("actorId", o[0])
					.append("at", Date.from(now.minus(Duration.ofDays(rnd.nextInt(200)))))
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
			mongo.getCollection(StageChange.COLLECTION)
				.insertMany(changes.subList(i, Math.min(changes.size(), i + 2000)));
		}
		batch.clear();
		String[] kinds = { FollowUp.Kind.NOTE.name(), FollowUp.Kind.INQUIRY.name(), FollowUp.Kind.CALL.name(),
				FollowUp.Kind.SYSTEM.name() };
		for (int i = 0; i < followUps; i++) {
			String[] o = owners[rnd.nextInt(owners.length)];
			batch.add(new Document("_id", new ObjectId().toHexString())
				.append("customerId",
						ids.get((int) Math.min(customers - 1, Math.abs(rnd.nextGaussian()) * customers / 2)))
				.append("kind", kinds[rnd.nextInt(kinds.length)])
				.append("platform", "bench")
				.append("platformMessageId", "b" + i)
				.append("authorId", o[0])
				.append("text", "今天拜访了客户，客户对方案比较满意，下周再联系报价")
				.append("objections", List.of())
				.append("at", Date.from(now.minus(Duration.ofMinutes(rnd.nextInt(300 * 24 * 60))))));
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
