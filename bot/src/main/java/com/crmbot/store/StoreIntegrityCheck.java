package com.crmbot.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks every unique index against the data when the app is ready: documents that share
 * a unique key (true duplicates) are reported (log at ERROR, the {@code store_integrity}
 * collection, the store's health details), never left silent; on the embedded store an
 * index holding fewer entries than the data has distinct keys (entries lost, e.g. by a
 * crash of an older version that committed between a document and its index) is rebuilt
 * (dropped and created again).
 */
@Component
public class StoreIntegrityCheck implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(StoreIntegrityCheck.class);

	static final String COLLECTION = "store_integrity";

	private final MongoTemplate mongo;

	private final DurableH2Backend backend;

	private final List<String> problems = new CopyOnWriteArrayList<>();

	private volatile boolean checked;

	@org.springframework.beans.factory.annotation.Autowired
	StoreIntegrityCheck(MongoTemplate mongo, ObjectProvider<DurableH2Backend> backend) {
		this(mongo, backend.getIfAvailable());
	}

	StoreIntegrityCheck(MongoTemplate mongo, DurableH2Backend backend) {
		this.mongo = mongo;
		this.backend = backend;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		try {
			check();
		}
		catch (RuntimeException ex) {
			log.error("store: integrity check failed to run: {}", ex.toString());
		}
	}

	/** Runs the check; returns the problems found (empty: all unique indexes match). */
	public synchronized List<String> check() {
		problems.clear();
		MongoDatabase db = mongo.getDb();
		for (String name : db.listCollectionNames()) {
			if (name.startsWith("system.") || COLLECTION.equals(name)) {
				continue;
			}
			MongoCollection<Document> c = db.getCollection(name);
			for (Document index : c.listIndexes()) {
				if (Boolean.TRUE.equals(index.getBoolean("unique")) && !"_id_".equals(index.getString("name"))) {
					checkIndex(db, c, index);
				}
			}
		}
		checked = true;
		if (problems.isEmpty()) {
			log.info("store: integrity check passed (unique indexes match the data)");
		}
		return List.copyOf(problems);
	}

	private void checkIndex(MongoDatabase db, MongoCollection<Document> c, Document index) {
		Document key = index.get("key", Document.class);
		String indexName = index.getString("name");
		List<String> fields = new ArrayList<>(key.keySet());
		List<Document> pipeline = new ArrayList<>();
		Document exists = new Document();
		for (String f : fields) {
			exists.append(f, new Document("$exists", true).append("$ne", null));
		}
		pipeline.add(new Document("$match", exists));
		if (fields.size() == 1) {
			// multikey (e.g. phones): every element is its own index entry
			pipeline.add(new Document("$unwind", "$" + fields.get(0)));
		}
		Document id = new Document();
		for (String f : fields) {
			id.append(f.replace('.', '_'), "$" + f);
		}
		// two passes, each answering in one small reply (the embedded store sends an
		// aggregation's whole result at once, which must stay under the driver's 48 MB):
		// the number of distinct keys, then only the duplicated keys with their documents
		long distinct = distinctKeys(c, pipeline, id);
		List<Document> duplicated = new ArrayList<>(pipeline);
		duplicated.add(new Document("$group", new Document("_id", id).append("n", new Document("$sum", 1))
			.append("ids", new Document("$push", "$_id"))));
		duplicated.add(new Document("$match", new Document("n", new Document("$gt", 1))));
		List<Document> duplicates = new ArrayList<>();
		for (Document g : c.aggregate(duplicated)) {
			duplicates.add(g);
		}
		for (Document d : duplicates) {
			String problem = "duplicate " + c.getNamespace().getCollectionName() + "." + indexName + " "
					+ d.get("_id", Document.class).toJson() + " in documents " + d.get("ids");
			report(problem);
		}
		if (backend == null) {
			return;
		}
		Long entries = backend.indexSize(db.getName(), c.getNamespace().getCollectionName(), indexName);
		if (entries != null && entries < distinct) {
			// the app's workers may be writing meanwhile, and the store changes an index
			// key
			// by removing the old one before adding the new: count again with writes held
			// off
			long[] again = backend.withoutWriters(
					() -> new long[] { backend.indexSize(db.getName(), c.getNamespace().getCollectionName(), indexName),
							distinctKeys(c, pipeline, id) });
			entries = again[0];
			distinct = again[1];
		}
		if (entries != null && entries < distinct) {
			log.warn("store: unique index {}.{} has {} entries for {} distinct keys in the data: rebuilding it",
					c.getNamespace().getCollectionName(), indexName, entries, distinct);
			if (!duplicates.isEmpty()) {
				report("index " + c.getNamespace().getCollectionName() + "." + indexName
						+ " misses entries but cannot be rebuilt while the duplicates above exist");
				return;
			}
			c.dropIndex(indexName);
			c.createIndex(key,
					new IndexOptions().name(indexName)
						.unique(true)
						.sparse(Boolean.TRUE.equals(index.getBoolean("sparse"))));
			log.warn("store: unique index {}.{} rebuilt", c.getNamespace().getCollectionName(), indexName);
		}
	}

	/** How many distinct keys of an index the data holds (one small reply). */
	private static long distinctKeys(MongoCollection<Document> c, List<Document> pipeline, Document id) {
		List<Document> counting = new ArrayList<>(pipeline);
		counting.add(new Document("$group", new Document("_id", id)));
		counting.add(new Document("$count", "distinct"));
		long distinct = 0;
		for (Document g : c.aggregate(counting)) {
			distinct = ((Number) g.get("distinct")).longValue();
		}
		return distinct;
	}

	private void report(String problem) {
		problems.add(problem);
		log.error("store: integrity: {} (an admin must merge or correct these records)", problem);
		mongo.getDb()
			.getCollection(COLLECTION)
			.insertOne(new Document("problem", problem).append("at", new java.util.Date()));
	}

	/** Problems found by the last check (for health details). */
	public List<String> problems() {
		return List.copyOf(problems);
	}

	public boolean checked() {
		return checked;
	}

}
