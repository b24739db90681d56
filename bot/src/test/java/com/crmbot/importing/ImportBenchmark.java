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
import com.crmbot.chat.Actor;
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
 * Lead import benchmark (test scope, not a test): generates an XLSX (default) or CSV
 * ({@code -Dbench.format=csv}) of {@code -Dbench.rows} rows (default 100,000) of which 10
 * % repeat an earlier row's phone in another format, boots the app on the default
 * embedded store, runs the doctor and the import, and prints rows/s and peak heap. For
 * XLSX it then reads the same file with POI's usermodel (how the doctor read XLSX before
 * issue 14) as the baseline, side by side. Then (issue 10) the store's own insertMany
 * rate for the same customers with the same indexes, in the same run
 * ({@link #insertManyBaseline}). Run from the repository root (docs/crm.md):
 *
 * <pre>
 * ./mvnw -q -o install -DskipTests -pl connectors
 * MAVEN_OPTS=-Xmx512m ./mvnw -q -o test-compile exec:java -pl bot \
 *   -Dexec.classpathScope=test -Dexec.mainClass=com.crmbot.importing.ImportBenchmark
 * </pre>
 */
public final class ImportBenchmark {

	private ImportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rows = Integer.getInteger("bench.rows", 100_000);
		boolean xlsx = !"csv".equalsIgnoreCase(System.getProperty("bench.format", "xlsx"));
		Path csv = Files.createTempFile("crm-bench-", xlsx ? ".xlsx" : ".csv");
		if (xlsx) {
			generateXlsx(csv, rows);
		}
		else {
			generate(csv, rows);
		}
		System.out.printf("generated %s of %,d rows (%,d duplicates), %.1f MB: %s%n", xlsx ? "XLSX" : "CSV", rows,
				rows / 10, Files.size(csv) / 1e6, csv);

		Path data = Files.createTempDirectory("crm-bench-data-");
		// the repository root: exec:java runs there, a test runner in bot/
		String root = Files.isDirectory(Path.of("config")) ? "." : "..";
		SpringApplication app = new SpringApplication(CrmBotApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		// the default embedded store (mongo-java-server + H2 file) in a fresh directory;
		// command-line arguments, because application.yml wins over default properties
		try (ConfigurableApplicationContext ctx = app.run("--crmbot.store.data-dir=" + data,
				"--crmbot.import.dir=" + data.resolve("imports"), "--crmbot.outbox.background=false",
				"--spring.quartz.auto-startup=false", "--logging.level.root=warn", "--spring.main.banner-mode=off",
				"--crmbot.store.in-memory=" + Boolean.getBoolean("bench.inMemory"),
				"--crmbot.config.dir=" + root + "/config", "--crmbot.templates.dir=" + root + "/templates")) {
			ImportFileCheck check = ctx.getBean(ImportFileCheck.class);
			ImportJobs imports = ctx.getBean(ImportJobs.class);
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
				imp = check.analyze(actor, xlsx ? "bench.xlsx" : "bench.csv", in);
			}
			long t1 = System.nanoTime();
			if (imports.claim(imp.id()) == ImportJobs.Start.BUSY) {
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
			if (!Boolean.getBoolean("bench.noStoreBaseline")) {
				double insertMany = insertManyBaseline(mongo);
				System.out.printf(
						"import vs the store's insertMany: %.0f %% in rows/s, %.0f %% in customers created/s (goal ≥ 80 %%)%n",
						100 * (rows / importS) / insertMany, 100 * (done.created() / importS) / insertMany);
			}
			if (xlsx && !Boolean.getBoolean("bench.noBaseline")) {
				baseline(csv);
			}
		}
		finally {
			Files.deleteIfExists(csv);
			org.springframework.util.FileSystemUtils.deleteRecursively(data);
		}
	}

	/**
	 * The store's own rate for the same documents: the imported customers copied (new
	 * ids) into a collection with the same indexes (the unique phone, company and
	 * external-id indexes and the others), with insertMany in batches of 500, as the
	 * import writes. Only the inserts are timed. Returns documents per second.
	 */
	static double insertManyBaseline(MongoTemplate mongo) {
		String target = "bench_customers";
		if (mongo.collectionExists(target)) {
			mongo.dropCollection(target);
		}
		var ops = mongo.indexOps(target);
		for (var info : mongo.indexOps(Customer.class).getIndexInfo()) {
			if (info.getName().equals("_id_")) {
				continue;
			}
			var index = new org.springframework.data.mongodb.core.index.Index().named(info.getName());
			for (var f : info.getIndexFields()) {
				index.on(f.getKey(), (f.getDirection() != null) ? f.getDirection()
						: org.springframework.data.domain.Sort.Direction.ASC);
			}
			if (info.isUnique()) {
				index.unique();
			}
			if (info.isSparse()) {
				index.sparse();
			}
			ops.createIndex(index);
		}
		long insertNanos = 0;
		long docs = 0;
		java.util.List<org.bson.Document> batch = new java.util.ArrayList<>(500);
		try (var stream = mongo.stream(new Query(), org.bson.Document.class, Customer.COLLECTION)) {
			var it = stream.iterator();
			while (it.hasNext()) {
				org.bson.Document d = it.next();
				d.put("_id", new org.bson.types.ObjectId());
				batch.add(d);
				if (batch.size() == 500 || !it.hasNext()) {
					long t0 = System.nanoTime();
					mongo.insert(batch, target);
					insertNanos += System.nanoTime() - t0;
					docs += batch.size();
					batch = new java.util.ArrayList<>(500);
				}
			}
		}
		double rate = docs / (insertNanos / 1e9);
		System.out.printf("store baseline: insertMany of the same %,d customers (batches of 500, same indexes) "
				+ "in %.1f s = %,.0f docs/s%n", docs, insertNanos / 1e9, rate);
		return rate;
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

	/**
	 * The baseline: open the same file with POI's usermodel and walk its cells, as the
	 * doctor did before (it then still had to check and import the rows).
	 */
	private static void baseline(Path file) throws InterruptedException {
		System.gc();
		HeapWatch watch = new HeapWatch();
		watch.start();
		long t0 = System.nanoTime();
		String outcome;
		try {
			outcome = readWithUsermodel(file);
		}
		catch (OutOfMemoryError ex) {
			outcome = "OutOfMemoryError: " + ex.getMessage();
		}
		long t1 = System.nanoTime();
		watch.interrupt();
		watch.join();
		System.out.printf(
				"baseline (usermodel, only opening and reading the sheet): %.1f s, %s; peak live %.0f MB,"
						+ " peak used %.0f MB%n",
				(t1 - t0) / 1e9, outcome, watch.peakLive.get() / 1e6, watch.peak.get() / 1e6);
	}

	private static String readWithUsermodel(Path file) {
		String outcome;
		try (org.apache.poi.ss.usermodel.Workbook wb = org.apache.poi.ss.usermodel.WorkbookFactory.create(file.toFile(),
				null, true)) {
			org.apache.poi.ss.usermodel.DataFormatter fmt = new org.apache.poi.ss.usermodel.DataFormatter();
			long cells = 0;
			for (org.apache.poi.ss.usermodel.Row row : wb.getSheetAt(0)) {
				for (org.apache.poi.ss.usermodel.Cell cell : row) {
					cells += fmt.formatCellValue(cell).isEmpty() ? 0 : 1;
				}
			}
			outcome = String.format("%,d cells read", cells);
		}
		catch (IOException ex) {
			outcome = ex.toString();
		}
		return outcome;
	}

	/**
	 * The same rows as {@link #generate} in an XLSX as Excel writes it (shared strings, a
	 * merged title row, phones as numbers, a date column formatted yyyy/m/d).
	 */
	static void generateXlsx(Path file, int rows) throws IOException {
		String[] regions = { "江苏", "浙江", "上海", "广东", "北京" };
		try (org.apache.poi.xssf.streaming.SXSSFWorkbook wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook(
				new org.apache.poi.xssf.usermodel.XSSFWorkbook(), 200, true, true);
				java.io.OutputStream out = Files.newOutputStream(file)) {
			org.apache.poi.ss.usermodel.CellStyle date = wb.createCellStyle();
			date.setDataFormat(wb.createDataFormat().getFormat("yyyy/m/d"));
			org.apache.poi.ss.usermodel.Sheet s = wb.createSheet("客户");
			s.createRow(0).createCell(0).setCellValue("2026 年客户名单（基准测试）");
			s.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(0, 0, 0, 6));
			String[] header = { "客户名称", "联系人", "职务", "电话", "地区", "预算", "首次接触" };
			org.apache.poi.ss.usermodel.Row h = s.createRow(1);
			for (int i = 0; i < header.length; i++) {
				h.createCell(i).setCellValue(header[i]);
			}
			java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 5);
			int unique = 0;
			for (int i = 1; i <= rows; i++) {
				org.apache.poi.ss.usermodel.Row r = s.createRow(i + 1);
				if (i % 10 == 0) {
					long n = i * 7919L % unique + 1;
					String p = Long.toString(13000000000L + n);
					r.createCell(0).setCellValue("基准测试客户" + n + "（中国）有限公司");
					r.createCell(1).setCellValue("王总");
					r.createCell(2).setCellValue("总经理");
					r.createCell(3)
						.setCellValue("+86 " + p.substring(0, 3) + "-" + p.substring(3, 7) + "-" + p.substring(7));
				}
				else {
					unique++;
					r.createCell(0).setCellValue("基准测试客户" + unique + "有限公司");
					r.createCell(1).setCellValue("联系人" + unique);
					r.createCell(2).setCellValue("采购经理");
					r.createCell(3).setCellValue((double) (13000000000L + unique));
					if (unique % 3 == 0) {
						r.createCell(5).setCellValue("50万");
					}
				}
				r.createCell(4).setCellValue(regions[i % 5]);
				org.apache.poi.ss.usermodel.Cell d = r.createCell(6);
				d.setCellValue(day.minusDays(i % 365));
				d.setCellStyle(date);
			}
			wb.write(out);
			wb.dispose();
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
