package com.crmbot.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 database, with one query plan added: a query that names one
 * document by {@code _id} <em>and</em> other conditions ({@code {_id: k, status:
 * "PENDING"}}, {@code {_id: k, owner: t}}: every claim and mark of the outbox, the
 * inbound ledger and the reminders) is answered through the {@code _id} index and the
 * other conditions checked on that one document. The stock collection uses an index only
 * when the query has exactly the index's fields, so these scanned the whole collection:
 * the cost of every claim and mark grew with the number of messages ever sent.
 */
class IdFirstH2Database extends H2Database {

	/** The store while the superclass constructor opens the existing collections. */
	private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

	private final MVStore store;

	private IdFirstH2Database(String databaseName, MVStore store, CursorRegistry cursors) {
		super(databaseName, store, cursors);
		this.store = store;
	}

	static IdFirstH2Database open(String databaseName, MVStore store, CursorRegistry cursors) {
		OPENING.set(store);
		try {
			return new IdFirstH2Database(databaseName, store, cursors);
		}
		finally {
			OPENING.remove();
		}
	}

	@Override
	protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
		MVStore store = (this.store != null) ? this.store : OPENING.get();
		String ns = getFullCollectionNamespace(collectionName);
		MVMap<Object, Document> data = store.openMap("databases." + ns);
		MVMap<String, Object> meta = store.openMap("meta." + ns);
		return new IdFirstCollection(this, collectionName, options, data, meta, cursorRegistry);
	}

	/** A collection that looks a document up by its {@code _id} first when it can. */
	static class IdFirstCollection extends H2Collection {

		IdFirstCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
				MVMap<String, Object> meta, CursorRegistry cursors) {
			super(database, name, options, data, meta, cursors);
		}

		@Override
		protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
				int batchSize, Document fieldSelector) {
			Object id = (query.size() > 1) ? query.get("_id") : null;
			if (id instanceof String || id instanceof ObjectId) {
				Index<Object> idIndex = idIndex();
				if (idIndex != null) {
					Iterable<Object> positions = idIndex.getPositions(new Document("_id", id));
					return matchDocuments(query, positions, orderBy, numberToSkip, numberToReturn, batchSize,
							fieldSelector);
				}
			}
			return super.matchDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
		}

		private Index<Object> idIndex() {
			for (Index<Object> index : getIndexes()) {
				if ("_id_".equals(index.getName())) {
					return index;
				}
			}
			return null;
		}

	}

}
