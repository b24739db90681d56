package com.crmbot.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;
import com.crmbot.export.SafeCsv;
import com.crmbot.importing.ImportScan.Pending;
import com.crmbot.scoring.ScoringService;
import com.crmbot.template.TemplateService;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The lead import's job runner: claims a checked import (fresh, or resumed after a
 * crash), applies it in batches on the caller's thread or on its own Spring task
 * executor, keeps its cursor and counters in the import's own document so an interrupted
 * import resumes without duplicates or gaps, and writes the rejected rows as CSV.
 */
@Component
class ImportJobs {

	private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

	/** The customer field a 备注 column goes to (shown by /show as 备注). */
	static final String NOTE = "note";

	/** A running import without a heartbeat for this long has crashed. */
	private static final Duration STALE = Duration.ofMinutes(2);

	private final ImportStore store;

	private final ConfigService config;

	private final CustomerService customers;

	private final ScoringService scoring;

	private final Clock clock;

	private final TemplateService templates;

	/**
	 * Background imports, one at a time, on a Spring task executor (a daemon thread, from
	 * Boot's builder so {@code spring.task.execution} decorators apply).
	 */
	private final ThreadPoolTaskExecutor background;

	ImportJobs(ImportStore store, ConfigService config, CustomerService customers, ScoringService scoring, Clock clock,
			TemplateService templates, ObjectProvider<ThreadPoolTaskExecutorBuilder> executors) {
		this.store = store;
		this.config = config;
		this.customers = customers;
		this.scoring = scoring;
		this.clock = clock;
		this.templates = templates;
		this.background = executors.getIfAvailable(ThreadPoolTaskExecutorBuilder::new)
			.corePoolSize(1)
			.maxPoolSize(1)
			.threadNamePrefix("lead-import-")
			.build();
		this.background.setDaemon(true);
		this.background.initialize();
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		background.shutdown(); // not waiting: an interrupted import resumes from its
								// cursor
	}

	/** Outcome of asking to confirm an import. */
	enum Start {

		RUN_NOW, BACKGROUND, BUSY, DONE

	}

	/**
	 * Claim the import for running (fresh, or resumed after a crash: still IMPORTING but
	 * with a stale heartbeat). Returns how it will run.
	 */
	Start claim(String id) {
		LeadImport imp = store.get(id).orElseThrow();
		if (imp.state() == LeadImport.State.DONE) {
			return Start.DONE;
		}
		Instant now = clock.instant();
		LeadImport claimed = store.claim(id, now, now.minus(STALE));
		if (claimed == null) {
			return Start.BUSY;
		}
		return (imp.dataRows() <= config.get().customers().importSyncRows()) ? Start.RUN_NOW : Start.BACKGROUND;
	}

	/**
	 * Run a claimed import in the background; {@code progress} receives 10 %-steps and
	 * the end.
	 */
	void runInBackground(String id, Consumer<Progress> progress) {
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
	LeadImport run(String id, Consumer<Progress> progress) {
		LeadImport imp = store.get(id).orElseThrow();
		LeadRows rows = new LeadRows(config.get());
		ImportCounters n = new ImportCounters(imp);
		int total = Math.max(1, imp.toCreate() + imp.toMerge() + imp.duplicates() + imp.toAttach());
		int[] lastStep = { 0 };
		try (TableReader.Table t = TableReader.open(Path.of(imp.path()))) {
			List<Pending> batch = new ArrayList<>();
			ImportScan.scan(t, rows, (r, p) -> {
				if (p.kind() != LeadRows.Kind.LEAD) {
					return;
				}
				n.seen++;
				if (r.seq() <= imp.cursor()) {
					return;
				}
				batch.add(new Pending(r.seq(), null, p.lead()));
				if (batch.size() >= ImportScan.BATCH) {
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
		LeadImport done = store.finish(id, clock.instant());
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
	private void apply(LeadImport imp, List<Pending> batch, ImportCounters n) {
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
		Map<String, Customer> known = store.byKeys(keys);
		for (Pending p : lookup) {
			Customer m = match(known, p.lead());
			if (m == null) {
				Customer c = newCustomer(imp, p);
				inserts.add(c);
				insertRows.add(p);
				ImportStore.index(known, c);
			}
			else {
				settle(imp, p, m, prefix, n);
				ImportStore.index(known, m);
			}
		}
		if (!inserts.isEmpty()) {
			try {
				store.insertCustomers(inserts);
				n.created += inserts.size();
				inserts.stream().filter((c) -> c.score() >= scoring.threshold()).forEach((c) -> n.pooled++);
			}
			catch (DataAccessException ex) {
				// someone else took a phone or company meanwhile: one by one
				for (int i = 0; i < inserts.size(); i++) {
					Customer c = inserts.get(i);
					if (store.exists(c.id())) {
						n.created++;
						continue;
					}
					try {
						store.insertCustomer(c);
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
			Map<String, Customer> owners = store.byKeys(attachKeys);
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
				ImportStore.index(owners, after);
			}
		}
		store.advance(imp.id(), batch.get(batch.size() - 1).row(), n, clock.instant());
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
		store.setField(c.id(), NOTE, note.isEmpty() ? line : note + "\n" + line);
		return true;
	}

	private void settle(LeadImport imp, Pending p, Customer m, String prefix, ImportCounters n) {
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
	 * cells, headed in the reader's locale.
	 */
	void writeRejected(LeadImport imp, String locale, Writer out) throws IOException {
		out.write('\uFEFF');
		// not closed here: the caller owns the writer (an HTTP response)
		CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
		{
			List<Object> head = new ArrayList<>();
			for (String key : imp.multiSheet()
					? List.of("import-rejects-sheet", "import-rejects-row", "import-rejects-reason")
					: List.of("import-rejects-row", "import-rejects-reason")) {
				head.add(templates.reply(locale, key, Map.of()).strip());
			}
			imp.headerCells().forEach((h) -> head.add(SafeCsv.cell(h)));
			csv.printRecord(head);
			for (ImportReject r : store.rejects(imp.id())) {
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

	/** Progress of a running import. */
	record Progress(String importId, int percent, int created, int merged, int skipped, boolean done) {
	}

}
