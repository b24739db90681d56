package com.crmbot.importing;

import java.util.Iterator;
import java.util.Map;

/**
 * Walks a table sheet by sheet: each sheet's header is the first row within its first 30
 * that names a company or phone column; the rows below it are parsed. The file check and
 * the job runner walk the file the same way, so row sequence numbers agree.
 */
final class ImportScan {

	/** Rows per batch: classified by the file check, applied by the job runner. */
	static final int BATCH = 500;

	private ImportScan() {
	}

	/** What {@link #scan} finds, sheet by sheet. */
	interface Visitor {

		/** A sheet's header row; {@code before}: blank or title rows above it. */
		default void header(TableReader.RawRow r, LeadRows.Columns cols, int before) {
		}

		/** A row below a header. */
		void row(TableReader.RawRow r, LeadRows.Parsed p);

	}

	/** A parsed lead row waiting in a batch ({@code label}: how the report names it). */
	record Pending(int row, String label, LeadRows.Lead lead) {
	}

	/**
	 * Walk the table; returns the sheets without a header (index → template key of the
	 * reason).
	 */
	static Map<Integer, String> scan(TableReader.Table t, LeadRows rows, Visitor v) {
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

}
