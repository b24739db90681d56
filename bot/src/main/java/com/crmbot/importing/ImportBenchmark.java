package com.crmbot.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import com.crmbot.CrmBotApplication;
import com.crmbot.access.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.customer.Customer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Lead import benchmark (not a test): generates a CSV of {@code -Dbench.rows} rows
 * (default 100,000) of which 10 % repeat an earlier row's phone in another format, boots
 * the app on the in-memory embedded store, runs the doctor and the import, and prints
 * rows/s and peak heap. Run from the repository root:
 *
 * <pre>
 * ./mvnw -q compile exec:java -pl bot -am -Dexec.mainClass=com.crmbot.importing.ImportBenchmark
 * </pre>
 */
public final class ImportBenchmark {

	private ImportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rows = Integer.getInteger("bench.rows", 100_000);
		Path csv = Files.createTempFile("crm-bench-", ".csv");
		generate(csv, rows);
		System.out.printf("generated %,d rows (%,d duplicates), %.1f MB: %s%n", rows, rows / 10, Files.size(csv) / 1e6,
				csv);

		Path data = Files.createTempDirectory("crm-bench-data-");
		SpringApplication app = new SpringApplication(CrmBotApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		// the default embedded store (mongo-java-server + H2 file) in a fresh directory;
		// command-line arguments, because application.yml wins over default properties
		try (ConfigurableApplicationContext ctx = app.run("--crmbot.store.data-dir=" + data,
				"--crmbot.import.dir=" + data.resolve("imports"), "--crmbot.outbox.background=false",
				"--spring.quartz.auto-startup=false", "--logging.level.root=warn", "--spring.main.banner-mode=off",
				"--crmbot.store.in-memory=" + Boolean.getBoolean("bench.inMemory"))) {
			ImportService imports = ctx.getBean(ImportService.class);
			AdminConfig cfg = ctx.getBean(ConfigService.class).get();
			User user = cfg.user("zhangsan").orElseThrow();
			Actor actor = new Actor(user, cfg.roleOf(user));
			MongoTemplate mongo = ctx.getBean(MongoTemplate.class);

			System.gc();
			long baseline = heapUsed();
			HeapWatch watch = new HeapWatch();
			watch.start();

			long t0 = System.nanoTime();
			LeadImport imp;
			try (InputStream in = Files.newInputStream(csv)) {
				imp = imports.analyze(actor, "bench.csv", in);
			}
			long t1 = System.nanoTime();
			if (imports.claim(imp.id()) == ImportService.Start.BUSY) {
				throw new IllegalStateException("cannot claim");
			}
			LeadImport done = imports.run(imp.id(), (p) -> {
				if (!p.done()) {
					System.out.printf("  progress %d%%%n", p.percent());
				}
			});
			long t2 = System.nanoTime();
			watch.interrupt();
			watch.join();

			double doctorS = (t1 - t0) / 1e9;
			double importS = (t2 - t1) / 1e9;
			System.out.printf("doctor: %,d rows in %.1f s = %,.0f rows/s (create %,d, duplicates %,d, rejected %,d)%n",
					rows, doctorS, rows / doctorS, imp.toCreate(), imp.duplicates(), imp.rejected());
			System.out.printf("import: %,d rows in %.1f s = %,.0f rows/s (created %,d, skipped %,d)%n", rows, importS,
					rows / importS, done.created(), done.skipped());
			System.out.printf("total:  %,.0f rows/s; customers in store: %,d%n", rows / (doctorS + importS),
					mongo.count(new Query(), Customer.class));
			System.out.printf(
					"heap: %.0f MB live after boot; during the run peak live (after GC) %.0f MB,"
							+ " peak used incl. garbage %.0f MB; -Xmx %.0f MB%n",
					baseline / 1e6, watch.peakLive.get() / 1e6, watch.peak.get() / 1e6,
					Runtime.getRuntime().maxMemory() / 1e6);
		}
		finally {
			Files.deleteIfExists(csv);
			org.springframework.util.FileSystemUtils.deleteRecursively(data);
		}
	}

	/**
	 * 90 % unique companies and phones; every tenth row repeats an earlier phone, written
	 * differently.
	 */
	static void generate(Path file, int rows) throws IOException {
		String[] regions = { "江苏", "浙江", "上海", "广东", "北京" };
		try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			w.write("客户名称,联系人,职务,电话,地区,预算\n");
			int unique = 0;
			for (int i = 1; i <= rows; i++) {
				if (i % 10 == 0) {
					long phone = 13000000000L + (i * 7919L % unique) + 1;
					String p = Long.toString(phone);
					w.write("基准测试客户" + (i * 7919L % unique + 1) + "（中国）有限公司,王总,总经理,+86 " + p.substring(0, 3) + "-"
							+ p.substring(3, 7) + "-" + p.substring(7) + "," + regions[i % 5] + ",\n");
				}
				else {
					unique++;
					w.write("基准测试客户" + unique + "有限公司,联系人" + unique + ",采购经理," + (13000000000L + unique) + ","
							+ regions[i % 5] + "," + (unique % 3 == 0 ? "50万" : "") + "\n");
				}
			}
		}
	}

	private static long heapUsed() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** Samples heap use every 20 ms and keeps the peak. */
	static final class HeapWatch extends Thread {

		final AtomicLong peak = new AtomicLong();

		final AtomicLong peakLive = new AtomicLong();

		HeapWatch() {
			setDaemon(true);
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					pool.resetPeakUsage();
				}
			}
		}

		@Override
		public void run() {
			while (!isInterrupted()) {
				peak.accumulateAndGet(heapUsed(), Math::max);
				long live = 0;
				for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
					if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
						live += pool.getCollectionUsage().getUsed();
					}
				}
				peakLive.accumulateAndGet(live, Math::max);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

	}

}
