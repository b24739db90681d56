package com.crmbot.importing;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A row the doctor rejected: its number, why, and its original cells (for the CSV
 * download).
 */
@Document(ImportReject.COLLECTION)
record ImportReject(@Id String id, String importId, int row, String reason, List<String> cells) {

	static final String COLLECTION = "import_rejects";

}
