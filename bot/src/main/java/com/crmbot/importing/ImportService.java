package com.crmbot.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;
import com.crmbot.export.SafeCsv;
import com.crmbot.scoring.ScoringService;
import com.crmbot.template.TemplateService;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * The lead import doctor and importer. {@link #analyze} streams the file once and
 * classifies every row (create / merge / duplicate / rejected / ignored) without touching
 * customers; {@link #run} applies it in batches, keeping its cursor and counters in the
 * import's own document so an interrupted import resumes without duplicates or gaps.
 * Memory does not grow with the file: rows are streamed, the doctor's in-file duplicate
 * index is a temporary disk-backed map (H2 MVStore) and only one batch is held at a time.
 */
@Service
public class ImportService {

	private static final Logger log = LoggerFactory.getLogger(ImportService.class);

	private static final String COUNTERS = "counters";

	private static final int BATCH = 500;

	/** The customer field a 备注 column goes to (shown by /show as 备注). */
	static final String NOTE = "note";

	private static final int SAMPLES = 10;

	private static final Duration STALE = Duration.ofMinutes(2);

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final CustomerService customers;

	private final ScoringService scoring;

	private final AccessPolicy access;

	private final Clock clock;

	private final Path dir;

	private final TemplateService templates;

	/**
	 * Background imports, one at a time, on a Spring task executor (a daemon thread, from
	 * Boot's builder so {@code spring.task.execution} decorators apply).
	 */
	private final ThreadPoolTaskExecutor background;

	/**
	 * Test hook to simulate a crash at a point of the import ("inserted": after a batch's
	 * inserts).
	 */
	volatile Consumer<String> faults = (point) -> {
	};

	/** Largest accepted upload ({@code crmbot.import.max-bytes}, default 50 MB). */
	volatile long maxBytes;

	ImportService(MongoTemplate mongo, ConfigService config, CustomerService customers, ScoringService scoring,
			AccessPolicy access, Clock clock, TemplateService templates, ImportProperties properties,
			ObjectProvider<ThreadPoolTaskExecutorBuilder> executors) {
		this.maxBytes = properties.maxBytes();
		this.background = executors.getIfAvailable(ThreadPoolTaskExecutorBuilder::new)
			.corePoolSize(1)
			.maxPoolSize(1)
			.threadNamePrefix("lead-import-")
			.build();
		this.background.setDaemon(true);
		this.background.initialize();
		this.mongo = mongo;
		this.config = config;
		this.customers = customers;
		this.scoring = scoring;
		this.access = access;
		this.clock = clock;
		this.templates = templates;
		this.dir = properties.dir();
		mongo.indexOps(ImportReject.class)
			.createIndex(
					new Index().on("importId", Sort.Direction.ASC).on("row", Sort.Direction.ASC).named("import_row"));
		mongo.indexOps(LeadImport.class).createIndex(new Index().on("ownerId", Sort.Direction.ASC).named("owner"));
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		background.shutdown(); // not waiting: an interrupted import resumes from its
								// cursor
	}

	public Optional<LeadImport> get(String id) {
		return Optional.ofNullable(mongo.findById(id, LeadImport.class));
	}

	public List<LeadImport> recent(Actor actor, int limit) {
		Query q = actor.isAdmin() ? new Query() : Query.query(Criteria.where("ownerId").is(actor.id()));
		return mongo.find(q.with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit), LeadImport.class);
	}

	/** Whether the actor may confirm or download this import (its owner or an admin). */
	public boolean mayUse(Actor actor, LeadImport imp) {
		return actor.isAdmin() || actor.id().equals(imp.ownerId());
	}

	// ------------------------------------------------------------------ doctor

	/**
	 * Check a file and record what importing it would do. Throws
	 * {@link TableReader.NotATableException} (message for the user) when it is not a
	 * table; then nothing is kept.
	 */
	public LeadImport analyze(Actor actor, String fileName, InputStream content) throws IOException {
		Files.createDirectories(dir);
		String id = nextId();
		String safe = (fileName != null ? fileName : "upload").replaceAll("[^\\w.\\-\\p{IsHan}]", "_");
		Path file = dir.resolve(id + "-" + safe);
		String sha;
		try (DigestInputStream in = new DigestInputStream(content, sha256());
				java.io.OutputStream out = Files.newOutputStream(file)) {
			byte[] buf = new byte[64 * 1024];
			long total = 0;
			for (int n; (n = in.read(buf)) > 0;) {
				total += n;
				if (total > maxBytes) {
					out.close();
					Files.deleteIfExists(file);
					throw (maxBytes >= 1_048_576)
							? new TableReader.NotATableException("import-bad-too-big-mb",
									Map.of("mb", maxBytes / 1_048_576))
							: new TableReader.NotATableException("import-bad-too-big-bytes", Map.of("bytes", maxBytes));
				}
				out.write(buf, 0, n);
			}
			sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
		}
		try {
			LeadImport imp = doctor(actor, id, fileName, file, sha);
			mongo.insert(imp);
			log.info("import {}: analyzed by {} rows={} create={} merge={} dup={} rejected={}", id, actor.id(),
					imp.dataRows(), imp.toCreate(), imp.toMerge(), imp.duplicates(), imp.rejected());
			return imp;
		}
		catch (RuntimeException | IOException ex) {
			// a file that is not a table leaves nothing behind
			Files.deleteIfExists(file);
			mongo.remove(Query.query(Criteria.where("importId").is(id)), ImportReject.class);
			throw ex;
		}
	}

	private LeadImport doctor(Actor actor, String id, String fileName, Path file, String sha) throws IOException {
		AdminConfig cfg = config.get();
		LeadRows rows = new LeadRows(cfg, (key, vars) -> say(actor, key, vars));
		Path keysFile = Files.createTempFile(dir, id + "-keys-", ".mv");
		Files.delete(keysFile);
		try (TableReader.Table t = TableReader.open(file);
				MVStore keyStore = new MVStore.Builder().fileName(keysFile.toString()).cacheSize(8).open()) {
			Doctor d = new Doctor(id, actor, keyStore.openMap("keys"), t.sheets().size() > 1);
			List<Pending> batch = new ArrayList<>();
			Map<Integer, SheetInfo> used = new java.util.LinkedHashMap<>();
			java.util.LinkedHashSet<String> mapped = new java.util.LinkedHashSet<>();
			java.util.LinkedHashSet<String> unused = new java.util.LinkedHashSet<>();
			List<String> notes = new ArrayList<>();
			LeadRows.Columns[] first = new LeadRows.Columns[1];
			Map<Integer, String> skipped = scan(t, rows, new Scan() {
				@Override
				public void header(TableReader.RawRow r, LeadRows.Columns cols, int before) {
					d.ignored += before;
					used.put(r.sheet(), new SheetInfo(r.sheetName(), r.number()));
					if (first[0] == null) {
						first[0] = cols;
					}
					for (Map.Entry<Integer, String> e : cols.byIndex().entrySet()) {
						mapped.add(FieldValuesView.clean(cols.headerCells().get(e.getKey())) + "→" + e.getValue());
					}
					unused.addAll(cols.ignored());
					cols.units().forEach((i, u) -> {
						String line = say(actor, "import-unit",
								Map.of("header", FieldValuesView.clean(cols.headerCells().get(i)), "unit", u.label(),
										"factor", String.format("%,d", u.factor()), "example",
										String.format("%,d", 50 * u.factor())));
						if (!notes.contains(line)) {
							notes.add(line);
						}
					});
				}

				@Override
				public void row(TableReader.RawRow r, LeadRows.Parsed p) {
					switch (p.kind()) {
						case BLANK, DECORATIVE -> d.ignored++;
						case TOTAL -> d.total(r);
						case REJECTED -> {
							d.reject(r, p.reason());
							used.get(r.sheet()).rows++;
						}
						case LEAD -> {
							used.get(r.sheet()).rows++;
							batch.add(new Pending(r.seq(), d.label(r), p.lead()));
							if (batch.size() >= BATCH) {
								d.classify(batch);
								batch.clear();
							}
						}
					}
				}
			});
			if (first[0] == null) {
				throw new TableReader.NotATableException("import-bad-no-header", Map.of());
			}
			d.classify(batch);
			d.flushRejects();
			if (d.totals > 0) {
				notes
					.add(say(actor, "import-totals", Map.of("count", d.totals, "rows", String.join("、", d.totalRows))));
			}
			if (t.sheets().size() > 1) {
				List<String> parts = new ArrayList<>();
				used.values()
					.forEach((u) -> parts.add(say(actor, "import-sheet-used",
							Map.of("sheet", u.name, "headerRow", u.headerRow, "rows", u.rows))));
				skipped.forEach((i, why) -> parts.add(say(actor, "import-sheet-skipped",
						Map.of("sheet", t.sheets().get(i), "reason", say(actor, why, Map.of())))));
				notes.add(0, say(actor, "import-sheets",
						Map.of("count", t.sheets().size(), "sheets", String.join("\n", parts))));
			}
			LeadImport earlier = mongo
				.findOne(Query.query(Criteria.where("sha256").is(sha).and("state").is(LeadImport.State.DONE))
					.with(Sort.by(Sort.Direction.DESC, "finishedAt")), LeadImport.class);
			List<String> report = new ArrayList<>();
			for (String kind : List.of("create", "merge", "attach", "dup", "reject", "total")) {
				report.addAll(d.samples.getOrDefault(kind, List.of()));
			}
			Instant now = clock.instant();
			LeadRows.Columns cols = first[0];
			return new LeadImport(id, actor.id(), actor.user().department(), fileName, file.toString(), sha, t.format(),
					t.encoding(), cols.headerRow(), cols.headerCells(), new ArrayList<>(mapped),
					new ArrayList<>(unused), LeadImport.State.ANALYZED,
					d.create + d.merge + d.dup + d.attach + d.rejected, d.create, d.merge, d.dup, d.rejected, d.ignored,
					report, (earlier != null) ? earlier.id() : null, cols.headerRow(), 0, 0, 0, 0, now, now, null,
					java.util.Arrays.copyOf(d.plan, d.maxRow + 1), d.attach, 0, d.totals, notes, t.sheets().size() > 1);
		}
		finally {
			Files.deleteIfExists(keysFile);
		}
	}

	private String say(Actor actor, String key, Map<String, ?> vars) {
		return templates.reply(actor.locale(), key, vars);
	}

	/** A sheet with a header: its name, header row and data rows. */
	private static final class SheetInfo {

		final String name;

		final int headerRow;

		int rows;

		SheetInfo(String name, int headerRow) {
			this.name = name;
			this.headerRow = headerRow;
		}

	}

	/** What {@link #scan} finds, sheet by sheet. */
	interface Scan {

		/** A sheet's header row; {@code before}: blank or title rows above it. */
		default void header(TableReader.RawRow r, LeadRows.Columns cols, int before) {
		}

		/** A row below a header. */
		void row(TableReader.RawRow r, LeadRows.Parsed p);

	}

	/**
	 * Walk a table sheet by sheet: each sheet's header is the first row within its first
	 * 30 that names a company or phone column; the rows below it are parsed. The doctor
	 * and the import walk the file the same way, so row sequence numbers agree. Returns
	 * the sheets without a header (index → template key of the reason).
	 */
	static Map<Integer, String> scan(TableReader.Table t, LeadRows rows, Scan v) {
		Map<Integer, String> skipped = new java.util.TreeMap<>();
		for (int i = 0; i < t.sheets().size(); i++) {
			skipped.put(i, "import-sheet-empty");
		}
		Iterator<TableReader.RawRow> it = t.rows();
		int sheet = -1;
		LeadRows.Columns cols = null;
		boolean gaveUp = false;
		int before = 0;
		while (it.hasNext()) {
			TableReader.RawRow r = it.next();
			if (r.sheet() != sheet) {
				sheet = r.sheet();
				cols = null;
				gaveUp = false;
				before = 0;
			}
			if (gaveUp) {
				continue;
			}
			if (cols == null) {
				if (!r.blank()) {
					skipped.put(sheet, "import-sheet-no-header");
					cols = rows.header(r).orElse(null);
					if (cols == null && r.number() > 30) {
						gaveUp = true;
						if (t.sheets().isEmpty()) {
							break; // a CSV: one table only
						}
						continue;
					}
				}
				if (cols == null) {
					before++;
				}
				else {
					skipped.remove(sheet);
					v.header(r, cols, before);
				}
				continue;
			}
			v.row(r, rows.parse(cols, r));
		}
		return skipped;
	}

	/** Counts and samples of the doctor's pass. */
	private final class Doctor {

		final String id;

		final Actor actor;

		final boolean multiSheet;

		int create;

		int merge;

		int dup;

		int attach;

		int rejected;

		int ignored;

		int totals;

		final List<String> totalRows = new ArrayList<>();

		final Map<String, List<String>> samples = new HashMap<>();

		final List<ImportReject> rejects = new ArrayList<>();

		/** Verdict per row sequence number (one byte per row). */
		byte[] plan = new byte[1024];

		int maxRow;

		void plan(int row, byte verdict) {
			if (row >= plan.length) {
				plan = java.util.Arrays.copyOf(plan, Math.max(row + 1, plan.length * 2));
			}
			plan[row] = verdict;
			maxRow = Math.max(maxRow, row);
		}

		/**
		 * Identity key → "seq:label" of the first row with it: a disk-backed map, so
		 * memory stays flat.
		 */
		final Map<String, String> inFile;

		Doctor(String id, Actor actor, Map<String, String> inFile, boolean multiSheet) {
			this.id = id;
			this.actor = actor;
			this.inFile = inFile;
			this.multiSheet = multiSheet;
		}

		/**
		 * How the report names a row: 第 5 行, or 「华南」第 5 行 in a workbook of several
		 * sheets.
		 */
		String label(TableReader.RawRow r) {
			return multiSheet ? say(actor, "import-row-in-sheet", Map.of("sheet", r.sheetName(), "row", r.number()))
					: say(actor, "import-row", Map.of("row", r.number()));
		}

		void sample(String kind, String template, Map<String, ?> vars) {
			List<String> l = samples.computeIfAbsent(kind, (k) -> new ArrayList<>());
			if (l.size() < SAMPLES) {
				l.add(say(actor, template, vars));
			}
		}

		void total(TableReader.RawRow r) {
			totals++;
			String label = label(r);
			if (totalRows.size() < SAMPLES) {
				totalRows.add(label);
			}
		}

		void reject(TableReader.RawRow r, String reason) {
			rejected++;
			sample("reject", "import-line-reject", Map.of("row", label(r), "reason", reason));
			rejects.add(new ImportReject(id + ":" + r.seq(), id, r.seq(), reason, r.cells(), r.number(),
					multiSheet ? r.sheetName() : null));
			if (rejects.size() >= BATCH) {
				flushRejects();
			}
		}

		void flushRejects() {
			if (!rejects.isEmpty()) {
				mongo.insert(rejects, ImportReject.class);
				rejects.clear();
			}
		}

		void classify(List<Pending> batch) {
			if (batch.isEmpty()) {
				return;
			}
			Set<String> keys = new HashSet<>();
			batch.forEach((p) -> keys.addAll(p.lead().keys()));
			Map<String, Customer> store = byKeys(keys);
			for (Pending p : batch) {
				List<String> k = p.lead().keys();
				int first = -1;
				String firstLabel = null;
				String why = null;
				List<String> newPhones = new ArrayList<>();
				for (String key : k) {
					String seen = inFile.get(key);
					if (seen == null) {
						if (key.startsWith("p:")) {
							newPhones.add(key.substring(2));
						}
						continue;
					}
					int colon = seen.indexOf(':');
					int row = Integer.parseInt(seen.substring(0, colon));
					if (first < 0 || row < first) {
						first = row;
						firstLabel = seen.substring(colon + 1);
						why = key;
					}
				}
				if (first >= 0 && !newPhones.isEmpty()) {
					// another contact of a company already in the file (e.g. rows under a
					// merged company cell): its phones go to that customer
					attach++;
					plan(p.row(), LeadImport.ATTACH);
					sample("attach", "import-line-attach", Map.of("row", p.label(), "first", firstLabel, "phones",
							String.join("、", newPhones.stream().map(com.crmbot.text.Phones::mask).toList())));
				}
				else if (first >= 0) {
					dup++;
					plan(p.row(), LeadImport.DUPLICATE);
					sample("dup", "import-line-dup",
							Map.of("row", p.label(), "first", firstLabel, "why", describe(why)));
				}
				else {
					Customer m = null;
					for (String key : k) {
						m = store.get(key);
						if (m != null) {
							why = key;
							break;
						}
					}
					if (m != null) {
						merge++;
						plan(p.row(), LeadImport.MERGE);
						String who = access.canSee(actor, m) ? "「" + m.name() + "」"
								: say(actor, "import-other-owner", Map.of());
						sample("merge", "import-line-merge",
								Map.of("row", p.label(), "who", who, "why", describe(why)));
					}
					else {
						create++;
						plan(p.row(), LeadImport.CREATE);
						sample("create", "import-line-create", Map.of("row", p.label(), "name", p.lead().name()));
					}
				}
				String target = (first >= 0) ? first + ":" + firstLabel : p.row() + ":" + p.label();
				for (String key : k) {
					inFile.putIfAbsent(key, target);
				}
			}
		}

		private String describe(String key) {
			if (key == null) {
				return "";
			}
			return key.startsWith("p:")
					? say(actor, "import-why-phone", Map.of("phone", com.crmbot.text.Phones.mask(key.substring(2))))
					: say(actor, "import-why-company", Map.of());
		}

	}

	/** Existing customers by identity key (p:phone, c:companyKey). */
	private Map<String, Customer> byKeys(Set<String> keys) {
		List<String> phones = new ArrayList<>();
		List<String> companies = new ArrayList<>();
		for (String k : keys) {
			(k.startsWith("p:") ? phones : companies).add(k.substring(2));
		}
		Map<String, Customer> out = new HashMap<>();
		if (keys.isEmpty()) {
			return out;
		}
		// one query per unique index: the embedded server answers single-field $in from
		// the
		// index, an $or of two fields with a full scan
		if (!phones.isEmpty()) {
			mongo.find(Query.query(Criteria.where("phones").in(phones)), Customer.class).forEach((c) -> index(out, c));
		}
		if (!companies.isEmpty()) {
			mongo.find(Query.query(Criteria.where("companyKey").in(companies)), Customer.class)
				.forEach((c) -> index(out, c));
		}
		return out;
	}

	private static void index(Map<String, Customer> map, Customer c) {
		c.phoneList().forEach((p) -> map.put("p:" + p, c));
		if (c.companyKey() != null) {
			map.put("c:" + c.companyKey(), c);
		}
	}

	// ------------------------------------------------------------------ import

	/** Outcome of asking to confirm an import. */
	public enum Start {

		RUN_NOW, BACKGROUND, BUSY, DONE

	}

	/**
	 * Claim the import for running (fresh, or resumed after a crash: still IMPORTING but
	 * with a stale heartbeat). Returns how it will run.
	 */
	public Start claim(String id) {
		LeadImport imp = get(id).orElseThrow();
		if (imp.state() == LeadImport.State.DONE) {
			return Start.DONE;
		}
		Instant now = clock.instant();
		Criteria claimable = new Criteria().orOperator(Criteria.where("state").is(LeadImport.State.ANALYZED),
				Criteria.where("state").is(LeadImport.State.IMPORTING).and("heartbeat").lt(now.minus(STALE)));
		LeadImport claimed = mongo.findAndModify(Query.query(Criteria.where("_id").is(id).andOperator(claimable)),
				new Update().set("state", LeadImport.State.IMPORTING).set("heartbeat", now),
				FindAndModifyOptions.options().returnNew(true), LeadImport.class);
		if (claimed == null) {
			return Start.BUSY;
		}
		return (imp.dataRows() <= config.get().customers().importSyncRows()) ? Start.RUN_NOW : Start.BACKGROUND;
	}

	/**
	 * Run a claimed import in the background; {@code progress} receives 10 %-steps and
	 * the end.
	 */
	public void runInBackground(String id, Consumer<Progress> progress) {
		background.execute(() -> {
			try {
				run(id, progress);
			}
			catch (RuntimeException ex) {
				log.warn("import {} failed: {}", id, ex.toString());
			}
		});
	}

	/** Apply a claimed import from its cursor to the end; returns the finished import. */
	public LeadImport run(String id, Consumer<Progress> progress) {
		LeadImport imp = get(id).orElseThrow();
		LeadRows rows = new LeadRows(config.get());
		Counters n = new Counters(imp);
		int total = Math.max(1, imp.toCreate() + imp.toMerge() + imp.duplicates() + imp.toAttach());
		int[] lastStep = { 0 };
		try (TableReader.Table t = TableReader.open(Path.of(imp.path()))) {
			List<Pending> batch = new ArrayList<>();
			scan(t, rows, (r, p) -> {
				if (p.kind() != LeadRows.Kind.LEAD) {
					return;
				}
				n.seen++;
				if (r.seq() <= imp.cursor()) {
					return;
				}
				batch.add(new Pending(r.seq(), null, p.lead()));
				if (batch.size() >= BATCH) {
					apply(imp, batch, n);
					batch.clear();
					int step = Math.min(9, n.seen * 10 / total);
					if (step > lastStep[0]) {
						lastStep[0] = step;
						progress.accept(new Progress(id, step * 10, n.created, n.merged, n.skipped, false));
					}
				}
			});
			apply(imp, batch, n);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		LeadImport done = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
				new Update().set("state", LeadImport.State.DONE)
					.set("finishedAt", clock.instant())
					.set("heartbeat", clock.instant()),
				FindAndModifyOptions.options().returnNew(true), LeadImport.class);
		try {
			Files.deleteIfExists(Path.of(imp.path()));
		}
		catch (IOException ex) {
			log.warn("import {}: cannot delete {}", id, imp.path());
		}
		log.info("import {}: done created={} merged={} attached={} skipped={} rejected={}", id, done.created(),
				done.merged(), done.attached(), done.skipped(), done.rejected());
		progress.accept(new Progress(id, 100, done.created(), done.merged(), done.skipped(), true));
		return done;
	}

	/** Apply one batch and advance the cursor (one single-document update). */
	void apply(LeadImport imp, List<Pending> batch, Counters n) {
		if (batch.isEmpty()) {
			return;
		}
		String prefix = "import:" + imp.id() + "#";
		List<Customer> inserts = new ArrayList<>();
		List<Pending> insertRows = new ArrayList<>();
		// rows the doctor found new are inserted without a lookup (the unique indexes
		// catch anything created since); duplicates of earlier rows are skipped; the rest
		// is looked up; other contacts of a company are attached once the batch's
		// customers exist
		List<Pending> lookup = new ArrayList<>();
		List<Pending> attach = new ArrayList<>();
		for (Pending p : batch) {
			switch (imp.planFor(p.row())) {
				case LeadImport.CREATE -> {
					inserts.add(newCustomer(imp, p));
					insertRows.add(p);
				}
				case LeadImport.DUPLICATE -> n.skipped++;
				case LeadImport.ATTACH -> attach.add(p);
				default -> lookup.add(p);
			}
		}
		Set<String> keys = new HashSet<>();
		lookup.forEach((p) -> keys.addAll(p.lead().keys()));
		Map<String, Customer> store = byKeys(keys);
		for (Pending p : lookup) {
			Customer m = match(store, p.lead());
			if (m == null) {
				Customer c = newCustomer(imp, p);
				inserts.add(c);
				insertRows.add(p);
				index(store, c);
			}
			else {
				settle(imp, p, m, prefix, n);
				index(store, m);
			}
		}
		if (!inserts.isEmpty()) {
			try {
				mongo.insert(inserts, Customer.class);
				n.created += inserts.size();
				inserts.stream().filter((c) -> c.score() >= scoring.threshold()).forEach((c) -> n.pooled++);
			}
			catch (DataAccessException ex) {
				// someone else took a phone or company meanwhile: one by one
				for (int i = 0; i < inserts.size(); i++) {
					Customer c = inserts.get(i);
					if (mongo.exists(Query.query(Criteria.where("_id").is(c.id())), Customer.class)) {
						n.created++;
						continue;
					}
					try {
						mongo.insert(c);
						n.created++;
					}
					catch (DuplicateKeyException dup) {
						Pending p = insertRows.get(i);
						Customer m = customers.match(p.lead().phones, p.lead().company).orElseThrow(() -> dup);
						settle(imp, p, m, prefix, n);
					}
				}
			}
		}
		if (!attach.isEmpty()) {
			Set<String> attachKeys = new HashSet<>();
			attach.forEach((p) -> attachKeys.addAll(p.lead().keys()));
			Map<String, Customer> owners = byKeys(attachKeys);
			for (Pending p : attach) {
				Customer m = match(owners, p.lead());
				if (m == null) {
					n.skipped++; // its company's row was refused by the store meanwhile
					continue;
				}
				// fill stores the new score with the facts; only a note changes it again
				Customer after = fill(m, p.lead());
				if (addNote(after, extraContact(imp, p.lead()))) {
					scoring.rescore(m.id());
				}
				n.attached++;
				index(owners, after);
			}
		}
		faults.accept("inserted");
		int last = batch.get(batch.size() - 1).row();
		mongo.updateFirst(Query.query(Criteria.where("_id").is(imp.id())),
				new Update().set("cursor", last)
					.set("created", n.created)
					.set("merged", n.merged)
					.set("attached", n.attached)
					.set("skipped", n.skipped)
					.set("pooled", n.pooled)
					.set("heartbeat", clock.instant()),
				LeadImport.class);
	}

	private Customer fill(Customer m, LeadRows.Lead l) {
		Customer after = customers.fillIn(m, new CustomerService.NewCustomer(l.company, l.phones, l.contact, l.title,
				l.decisionMaker, l.budget, l.need, l.region, l.industry, null, null, null, null, null, null));
		return (after != null) ? after : m;
	}

	/**
	 * The line an attached row adds to the customer's note: its contact, title, phones.
	 */
	private String extraContact(LeadImport imp, LeadRows.Lead l) {
		if (l.contact == null && l.title == null && l.note == null) {
			return null;
		}
		String locale = config.get()
			.user(imp.ownerId())
			.map((u) -> new Actor(u, config.get().roleOf(u)).locale())
			.orElse("zh-CN");
		return templates.reply(locale, "import-extra-contact",
				Map.of("contact", (l.contact != null) ? l.contact : "", "title", (l.title != null) ? l.title : "",
						"phones", String.join(" ", l.phones), "note", (l.note != null) ? l.note : ""))
			.strip();
	}

	/**
	 * Append a line to the customer's note (备注) unless it is already there: re-applying a
	 * row after a crash adds nothing twice.
	 */
	private boolean addNote(Customer c, String line) {
		if (line == null || line.isBlank()) {
			return false;
		}
		Object current = c.fields().get(NOTE);
		String note = (current != null) ? current.toString() : "";
		if (note.contains(line)) {
			return false;
		}
		mongo.updateFirst(Query.query(Criteria.where("_id").is(c.id())),
				new Update().set("fields." + NOTE, note.isEmpty() ? line : note + "\n" + line).inc("version", 1),
				Customer.class);
		return true;
	}

	private void settle(LeadImport imp, Pending p, Customer m, String prefix, Counters n) {
		if ((prefix + p.row()).equals(m.source())) {
			n.created++; // created by this row before a crash
		}
		else if (m.source() != null && m.source().startsWith(prefix)) {
			n.skipped++; // an earlier row of this file
		}
		else {
			// fill stores the new score with the facts; only a note changes it again
			Customer after = fill(m, p.lead());
			if (addNote(after, p.lead().note)) {
				scoring.rescore(m.id());
			}
			n.merged++;
		}
	}

	private static Customer match(Map<String, Customer> store, LeadRows.Lead l) {
		for (String k : l.keys()) {
			Customer c = store.get(k);
			if (c != null) {
				return c;
			}
		}
		return null;
	}

	private Customer newCustomer(LeadImport imp, Pending p) {
		LeadRows.Lead l = p.lead();
		Instant now = clock.instant();
		String stage = config.get().customers().stages().get(0).id();
		Customer c = new Customer(new ObjectId().toHexString(), l.name(), l.company, l.companyKey, l.phones, l.contact,
				l.title, l.decisionMaker, l.budget, l.need, l.region, l.industry, imp.ownerId(), imp.department(),
				stage, l.tags, withNote(l), 0, now, now, null, "import:" + imp.id() + "#" + p.row(), null, null, null);
		int score = scoring.score(c);
		return new Customer(c.id(), c.name(), c.company(), c.companyKey(), c.phones(), c.contact(), c.title(),
				c.decisionMaker(), c.budgetCny(), c.needType(), c.region(), c.industry(), c.ownerId(), c.department(),
				c.stage(), c.tags(), c.fields(), score, c.createdAt(), c.assignedAt(), c.lastContactAt(), c.source(),
				c.externalUserId(), c.dealAmount(), c.version());
	}

	private static Map<String, Object> withNote(LeadRows.Lead l) {
		if (l.note == null || l.fields.containsKey(NOTE)) {
			return l.fields;
		}
		Map<String, Object> f = new java.util.LinkedHashMap<>(l.fields);
		f.put(NOTE, l.note);
		return f;
	}

	// ------------------------------------------------------------------ rejected rows

	/**
	 * Write the rejected rows as CSV (UTF-8 with BOM for Excel): row, reason, original
	 * cells.
	 */
	public void writeRejected(LeadImport imp, Writer out) throws IOException {
		out.write('\uFEFF');
		// not closed here: the caller owns the writer (an HTTP response)
		CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
		{
			TemplateService.Labels cols = templates.labels(config.get()
				.user(imp.ownerId())
				.map((u) -> u.localeOrDefault())
				.orElse(TemplateService.DEFAULT_LOCALE), "import-rejected-columns", Map.of());
			List<Object> head = new ArrayList<>(
					imp.multiSheet() ? List.of(cols.get("sheet"), cols.get("row"), cols.get("reason"))
							: List.of(cols.get("row"), cols.get("reason")));
			imp.headerCells().forEach((h) -> head.add(SafeCsv.cell(h)));
			csv.printRecord(head);
			for (ImportReject r : mongo.find(Query.query(Criteria.where("importId").is(imp.id())).with(Sort.by("row")),
					ImportReject.class)) {
				List<Object> rec = new ArrayList<>();
				if (imp.multiSheet()) {
					rec.add(SafeCsv.cell((r.sheet() != null) ? r.sheet() : ""));
				}
				rec.add((r.number() > 0) ? r.number() : r.row());
				rec.add(SafeCsv.cell(r.reason()));
				r.cells().forEach((c) -> rec.add(SafeCsv.cell(c)));
				csv.printRecord(rec);
			}
		}
		csv.flush();
	}

	private String nextId() {
		Document d = mongo.findAndModify(Query.query(Criteria.where("_id").is("imports")), new Update().inc("n", 1),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COUNTERS);
		return String.valueOf(((Number) d.get("n")).longValue());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A parsed lead row waiting in a batch. */
	record Pending(int row, String label, LeadRows.Lead lead) {
	}

	/** Running counters, starting from what the import document says (resume). */
	static final class Counters {

		int created;

		int merged;

		int skipped;

		int pooled;

		int attached;

		int seen;

		Counters(LeadImport imp) {
			attached = imp.attached();
			created = imp.created();
			merged = imp.merged();
			skipped = imp.skipped();
			pooled = imp.pooled();
		}

	}

	/** Progress of a running import. */
	public record Progress(String importId, int percent, int created, int merged, int skipped, boolean done) {
	}

	private static final class FieldValuesView {

		static String clean(String s) {
			String c = com.crmbot.fields.FieldValues.clean(s);
			return (c != null) ? c : "";
		}

	}

}
