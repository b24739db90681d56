package com.crmbot.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.crmbot.chat.Actor;
import com.crmbot.customer.Customer;
import org.bson.Document;

import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The lead import's store access: the import documents (state, cursor and counters in one
 * document), their rejected rows, and the customer reads and writes of a batch. The file
 * check and the job runner reach the store only through here.
 */
@Component
class ImportStore {

	private static final String COUNTERS = "counters";

	private final MongoTemplate mongo;

	ImportStore(MongoTemplate mongo) {
		this.mongo = mongo;
		mongo.indexOps(ImportReject.class)
			.createIndex(
					new Index().on("importId", Sort.Direction.ASC).on("row", Sort.Direction.ASC).named("import_row"));
		mongo.indexOps(LeadImport.class).createIndex(new Index().on("ownerId", Sort.Direction.ASC).named("owner"));
	}

	Optional<LeadImport> get(String id) {
		return Optional.ofNullable(mongo.findById(id, LeadImport.class));
	}

	/** The actor's latest imports (everyone's for an admin), newest first. */
	List<LeadImport> recent(Actor actor, int limit) {
		Query q = actor.isAdmin() ? new Query() : Query.query(Criteria.where("ownerId").is(actor.id()));
		return mongo.find(q.with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit), LeadImport.class);
	}

	/** The next short import id (1, 2, 3 …). */
	String nextId() {
		Document d = mongo.findAndModify(Query.query(Criteria.where("_id").is("imports")), new Update().inc("n", 1),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COUNTERS);
		return String.valueOf(((Number) d.get("n")).longValue());
	}

	void insert(LeadImport imp) {
		mongo.insert(imp);
	}

	/** The last finished import of the same content, if any. */
	LeadImport lastDone(String sha256) {
		return mongo.findOne(Query.query(Criteria.where("sha256").is(sha256).and("state").is(LeadImport.State.DONE))
			.with(Sort.by(Sort.Direction.DESC, "finishedAt")), LeadImport.class);
	}

	/**
	 * Imports checked before {@code before} and never confirmed, at most {@code limit}.
	 */
	List<LeadImport> unconfirmedSince(Instant before, int limit) {
		return mongo.find(Query.query(Criteria.where("state").is(LeadImport.State.ANALYZED).and("createdAt").lt(before))
			.limit(limit), LeadImport.class);
	}

	/** Remove an import unless a confirm claimed it meanwhile; whether it was removed. */
	boolean removeIfUnconfirmed(String id) {
		return mongo
			.remove(Query.query(Criteria.where("_id").is(id).and("state").is(LeadImport.State.ANALYZED)),
					LeadImport.class)
			.getDeletedCount() > 0;
	}

	void insertRejects(List<ImportReject> rejects) {
		mongo.insert(rejects, ImportReject.class);
	}

	void removeRejects(String importId) {
		mongo.remove(Query.query(Criteria.where("importId").is(importId)), ImportReject.class);
	}

	List<ImportReject> rejects(String importId) {
		return mongo.find(Query.query(Criteria.where("importId").is(importId)).with(Sort.by("row")),
				ImportReject.class);
	}

	/**
	 * Mark the import as importing if it is fresh or its heartbeat is older than
	 * {@code staleBefore} (a crashed run); {@code null} when someone else runs it.
	 */
	LeadImport claim(String id, Instant now, Instant staleBefore) {
		Criteria claimable = new Criteria().orOperator(Criteria.where("state").is(LeadImport.State.ANALYZED),
				Criteria.where("state").is(LeadImport.State.IMPORTING).and("heartbeat").lt(staleBefore));
		return mongo.findAndModify(Query.query(Criteria.where("_id").is(id).andOperator(claimable)),
				new Update().set("state", LeadImport.State.IMPORTING).set("heartbeat", now),
				FindAndModifyOptions.options().returnNew(true), LeadImport.class);
	}

	/**
	 * Record a batch as applied: the cursor and the counters in one single-document
	 * update. A crash before it re-applies the batch (idempotently) on resume.
	 */
	void advance(String id, int cursor, ImportCounters n, Instant now) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("cursor", cursor)
					.set("created", n.created)
					.set("merged", n.merged)
					.set("attached", n.attached)
					.set("skipped", n.skipped)
					.set("pooled", n.pooled)
					.set("heartbeat", now),
				LeadImport.class);
	}

	LeadImport finish(String id, Instant now) {
		return mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
				new Update().set("state", LeadImport.State.DONE).set("finishedAt", now).set("heartbeat", now),
				FindAndModifyOptions.options().returnNew(true), LeadImport.class);
	}

	/** Existing customers by identity key (p:phone, c:companyKey). */
	Map<String, Customer> byKeys(Set<String> keys) {
		List<String> phones = new ArrayList<>();
		List<String> companies = new ArrayList<>();
		for (String k : keys) {
			(k.startsWith("p:") ? phones : companies).add(k.substring(2));
		}
		Map<String, Customer> out = new HashMap<>();
		// one query per unique index: the embedded server answers single-field $in from
		// the index, an $or of two fields with a full scan
		if (!phones.isEmpty()) {
			mongo.find(Query.query(Criteria.where("phones").in(phones)), Customer.class).forEach((c) -> index(out, c));
		}
		if (!companies.isEmpty()) {
			mongo.find(Query.query(Criteria.where("companyKey").in(companies)), Customer.class)
				.forEach((c) -> index(out, c));
		}
		return out;
	}

	/** Add a customer to a by-key map (see {@link #byKeys}). */
	static void index(Map<String, Customer> map, Customer c) {
		c.phoneList().forEach((p) -> map.put("p:" + p, c));
		if (c.companyKey() != null) {
			map.put("c:" + c.companyKey(), c);
		}
	}

	/**
	 * Insert a batch's new customers at once. Throws when the unique indexes refuse one
	 * (someone took its phone or company meanwhile); then see {@link #exists} and
	 * {@link #insertCustomer}.
	 */
	void insertCustomers(List<Customer> customers) throws DataAccessException {
		mongo.insert(customers, Customer.class);
	}

	void insertCustomer(Customer c) {
		mongo.insert(c);
	}

	boolean exists(String customerId) {
		return mongo.exists(Query.query(Criteria.where("_id").is(customerId)), Customer.class);
	}

	/** Replace a customer's field (e.g. its note) and bump its version. */
	void setField(String customerId, String field, Object value) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId)),
				new Update().set("fields." + field, value).inc("version", 1), Customer.class);
	}

}
