package com.crmbot.importing;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A row the doctor rejected: its sequence number in the file (all sheets), why, its
 * original cells (for the CSV download), its row number in its sheet and the sheet's name
 * (in a workbook of several sheets).
 */
@Document(ImportReject.COLLECTION)
record ImportReject(@Id String id, String importId, int row, String reason, List<String> cells, int number,
		String sheet) {

	static final String COLLECTION = "import_rejects";

}
