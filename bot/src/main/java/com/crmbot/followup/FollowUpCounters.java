package com.crmbot.followup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.crmbot.customer.Customer;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Per-customer follow-up counters kept on the customer document, so that reports group
 * customers without scanning every follow-up: {@value #COUNT} (follow-ups filed, system
 * events not counted) and {@value #LAST} (time of the newest). {@link FollowUpService}
 * bumps them when it files a follow-up.
 * <p>
 * Existing data is backfilled once at start, before the application serves anyone: one
 * {@code $group} over the follow-ups, then the absolute values set on the customers in
 * bulk (running it again gives the same values, so a crash in the middle is repaired by
 * the next start), then the marker {@code store_migrations/_id=}{@value #MARKER} is
 * written.
 */
@Component
public class FollowUpCounters {

	/** Customer field: follow-ups filed (system events not counted). */
	public static final String COUNT = "followUpCount";

	/** Customer field: time of the newest follow-up filed. */
	public static final String LAST = "lastFollowUpAt";

	static final String MARKERS = "store_migrations";

	static final String MARKER = "followup-counters-1";

	private static final Logger log = LoggerFactory.getLogger(FollowUpCounters.class);

	private static final int BATCH = 1000;

	private final MongoTemplate mongo;

	FollowUpCounters(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		if (!mongo.exists(Query.query(Criteria.where("_id").is(MARKER)), MARKERS)) {
			long t0 = System.nanoTime();
			long n = backfill();
			try {
				mongo.insert(new Document("_id", MARKER).append("at", Date.from(clock.instant())), MARKERS);
			}
			catch (DuplicateKeyException ex) {
				// another instance finished first: same values
			}
			if (n > 0) {
				log.info("follow-up counters: backfilled {} customers in {} ms", n,
						(System.nanoTime() - t0) / 1_000_000);
			}
		}
	}

	/** Counts one filed follow-up on its customer. */
	void filed(FollowUp f) {
		filedAll(List.of(f));
	}

	/** Counts several filed follow-ups in one bulk write (one update per customer). */
	void filedAll(List<FollowUp> filed) {
		java.util.Map<String, List<FollowUp>> byCustomer = new java.util.LinkedHashMap<>();
		for (FollowUp f : filed) {
			if (f.customerId() != null && f.kind() != FollowUp.Kind.SYSTEM) {
				byCustomer.computeIfAbsent(f.customerId(), (k) -> new ArrayList<>()).add(f);
			}
		}
		if (byCustomer.isEmpty()) {
			return;
		}
		org.springframework.data.mongodb.core.BulkOperations bulk = mongo
			.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, Customer.class);
		byCustomer.forEach((customerId, fs) -> {
			Update u = new Update().inc(COUNT, fs.size());
			fs.stream()
				.map(FollowUp::at)
				.filter(java.util.Objects::nonNull)
				.max(java.util.Comparator.naturalOrder())
				.ifPresent((at) -> u.max(LAST, at));
			bulk.updateOne(Query.query(Criteria.where("_id").is(customerId)), u);
		});
		bulk.execute();
	}

	/**
	 * Sets every customer's counters from the follow-ups (idempotent).
	 * @return customers with follow-ups
	 */
	public long backfill() {
		List<WriteModel<Document>> writes = new ArrayList<>();
		long n = 0;
		var rows = mongo.aggregateStream(
				Aggregation.newAggregation(
						Aggregation
							.match(Criteria.where("kind").ne(FollowUp.Kind.SYSTEM.name()).and("customerId").ne(null)),
						Aggregation.group("customerId").count().as("n").max("at").as("last")),
				FollowUp.COLLECTION, Document.class);
		try (rows) {
			for (Document d : (Iterable<Document>) rows::iterator) {
				n++;
				Object id = d.get("_id");
				var set = Updates.combine(Updates.set(COUNT, ((Number) d.get("n")).intValue()),
						Updates.set(LAST, d.get("last")));
				writes.add(new UpdateOneModel<>(new Document("_id", id), set));
				// Spring stores a customer id that is an ObjectId in hex as an ObjectId
				if (id instanceof String s && ObjectId.isValid(s)) {
					writes.add(new UpdateOneModel<>(new Document("_id", new ObjectId(s)), set));
				}
				if (writes.size() >= BATCH) {
					mongo.getCollection(Customer.COLLECTION).bulkWrite(writes, new BulkWriteOptions().ordered(false));
					writes.clear();
				}
			}
		}
		if (!writes.isEmpty()) {
			mongo.getCollection(Customer.COLLECTION).bulkWrite(writes, new BulkWriteOptions().ordered(false));
		}
		return n;
	}

}
