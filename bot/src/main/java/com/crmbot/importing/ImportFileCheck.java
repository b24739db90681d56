package com.crmbot.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.customer.Customer;
import com.crmbot.importing.ImportScan.Pending;
import com.crmbot.template.TemplateService;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The lead import's file check (the import doctor): {@link #analyze} stores the upload
 * (refusing one over {@code crmbot.import.max-bytes}), streams it once and classifies
 * every row (create / merge / duplicate / rejected / ignored) without touching customers.
 * Memory does not grow with the file: rows are streamed, the in-file duplicate index is a
 * temporary disk-backed map (H2 MVStore) and only one batch is held at a time.
 */
@Component
class ImportFileCheck {

	private static final Logger log = LoggerFactory.getLogger(ImportFileCheck.class);

	private static final int SAMPLES = 10;

	private final ImportStore store;

	private final ConfigService config;

	private final AccessPolicy access;

	private final Clock clock;

	private final TemplateService templates;

	private final Path dir;

	private final long maxBytes;

	ImportFileCheck(ImportStore store, ConfigService config, AccessPolicy access, Clock clock,
			TemplateService templates, ImportProperties properties) {
		this.store = store;
		this.config = config;
		this.access = access;
		this.clock = clock;
		this.templates = templates;
		this.dir = properties.dir();
		this.maxBytes = properties.maxBytes();
	}

	/**
	 * Check a file and record what importing it would do. Throws
	 * {@link TableReader.NotATableException} (message for the user) when it is not a
	 * table; then nothing is kept.
	 */
	LeadImport analyze(Actor actor, String fileName, InputStream content) throws IOException {
		Files.createDirectories(dir);
		String id = store.nextId();
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
			store.insert(imp);
			log.info("import {}: analyzed by {} rows={} create={} merge={} dup={} rejected={}", id, actor.id(),
					imp.dataRows(), imp.toCreate(), imp.toMerge(), imp.duplicates(), imp.rejected());
			return imp;
		}
		catch (RuntimeException | IOException ex) {
			// a file that is not a table leaves nothing behind
			Files.deleteIfExists(file);
			store.removeRejects(id);
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
			Map<Integer, String> skipped = ImportScan.scan(t, rows, new ImportScan.Visitor() {
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
							if (batch.size() >= ImportScan.BATCH) {
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
			LeadImport earlier = store.lastDone(sha);
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
			if (rejects.size() >= ImportScan.BATCH) {
				flushRejects();
			}
		}

		void flushRejects() {
			if (!rejects.isEmpty()) {
				store.insertRejects(rejects);
				rejects.clear();
			}
		}

		void classify(List<Pending> batch) {
			if (batch.isEmpty()) {
				return;
			}
			Set<String> keys = new HashSet<>();
			batch.forEach((p) -> keys.addAll(p.lead().keys()));
			Map<String, Customer> known = store.byKeys(keys);
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
						m = known.get(key);
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

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class FieldValuesView {

		static String clean(String s) {
			String c = com.crmbot.fields.FieldValues.clean(s);
			return (c != null) ? c : "";
		}

	}

}
