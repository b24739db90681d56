package com.crmbot.importing;

/** Running counters of an import, starting from what its document says (resume). */
final class ImportCounters {

	int created;

	int merged;

	int skipped;

	int pooled;

	int attached;

	int seen;

	ImportCounters(LeadImport imp) {
		attached = imp.attached();
		created = imp.created();
		merged = imp.merged();
		skipped = imp.skipped();
		pooled = imp.pooled();
	}

}
