package com.crmbot.importing;

import java.time.Instant;
import java.util.List;

import com.crmbot.chat.Actor;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One lead import: the doctor's findings, then the import's progress. The state lives in
 * this single document (cursor = last row applied), so a crashed import resumes from it;
 * rows at or before the cursor are never applied twice, rows after it are applied
 * idempotently (a customer created by row N carries {@code source = import:<id>#N}).
 *
 * @param id short id users type ({@code /import confirm 7})
 * @param ownerId who imported (owner of the created customers)
 * @param department the importer's department
 * @param fileName original file name
 * @param path stored copy of the file (deleted when done)
 * @param sha256 content hash (a file imported before is pointed out)
 * @param format CSV or Excel
 * @param encoding detected encoding
 * @param headerRow row number of the header
 * @param headerCells the header row as written
 * @param columns recognised columns (header → field)
 * @param ignoredColumns headers not used
 * @param state where it is
 * @param dataRows rows after the header, blank and decorative ones excluded
 * @param toCreate doctor: new customers
 * @param toMerge doctor: rows matching an existing customer (missing facts filled in)
 * @param duplicates doctor: rows repeating an earlier row of the file
 * @param rejected rows that cannot be imported (see import_rejects)
 * @param ignoredRows blank and decorative rows
 * @param report doctor's report lines (samples per category)
 * @param sameFileAs id of an earlier import of the same content, if any
 * @param cursor last row sequence number applied (row numbers of later sheets follow
 * those of earlier ones)
 * @param created customers created so far
 * @param merged customers merged so far
 * @param skipped duplicate rows skipped so far
 * @param pooled created customers that entered the key follow-up pool
 * @param createdAt when uploaded
 * @param heartbeat last progress (a stale heartbeat while importing means it crashed)
 * @param finishedAt when done
 * @param plan the doctor's verdict per row sequence number (1 create, 2 merge, 3
 * duplicate, 4 another contact of a company an earlier row has, 0 nothing): the import
 * inserts planned rows directly and lets the unique indexes catch what changed since
 * @param toAttach doctor: rows that are another contact of a company earlier in the file
 * (their phones and contact go to that customer)
 * @param attached such rows applied so far
 * @param totalRows totals rows (合计/总计/小计) ignored
 * @param notes report lines about the whole file (sheets, units, totals rows)
 * @param multiSheet a workbook of several sheets (rows are named with their sheet)
 */
@Document(LeadImport.COLLECTION)
public record LeadImport(@Id String id, String ownerId, String department, String fileName, String path, String sha256,
		String format, String encoding, int headerRow, List<String> headerCells, List<String> columns,
		List<String> ignoredColumns, State state, int dataRows, int toCreate, int toMerge, int duplicates, int rejected,
		int ignoredRows, List<String> report, String sameFileAs, int cursor, int created, int merged, int skipped,
		int pooled, Instant createdAt, Instant heartbeat, Instant finishedAt, byte[] plan, int toAttach, int attached,
		int totalRows, List<String> notes, boolean multiSheet) {

	static final byte CREATE = 1;

	static final byte MERGE = 2;

	static final byte DUPLICATE = 3;

	static final byte ATTACH = 4;

	public LeadImport {
		notes = (notes != null) ? notes : List.of();
	}

	/** Whether the actor may confirm or download this import (its owner or an admin). */
	boolean mayBeUsedBy(Actor actor) {
		return actor.isAdmin() || actor.id().equals(ownerId);
	}

	byte planFor(int row) {
		return (plan != null && row < plan.length) ? plan[row] : 0;
	}

	public static final String COLLECTION = "imports";

	public enum State {

		ANALYZED, IMPORTING, DONE

	}

}
