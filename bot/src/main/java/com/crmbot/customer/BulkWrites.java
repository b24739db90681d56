package com.crmbot.customer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;

/**
 * Bulk store writes for the hot paths (filing a batch of inquiries, queueing reminders):
 * one {@code insertMany} for many documents, unordered, with the documents a unique index
 * refused reported by position instead of failing the others.
 */
public final class BulkWrites {

	/** MongoDB's duplicate-key error. */
	static final int DUPLICATE_KEY = 11000;

	private BulkWrites() {
	}

	/**
	 * Insert the entities in one round trip. Returns the positions of those a unique
	 * index refused (the others are stored); any other store error is thrown. A version
	 * property left null starts at 0, as {@code MongoTemplate.insert} does.
	 */
	public static <T> Set<Integer> insertAll(MongoTemplate mongo, List<? extends T> entities, Class<T> type) {
		if (entities.isEmpty()) {
			return Set.of();
		}
		MongoPersistentEntity<?> entity = mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type);
		PersistentProperty<?> version = entity.getVersionProperty();
		List<Document> docs = new ArrayList<>(entities.size());
		for (T e : entities) {
			Document d = new Document();
			mongo.getConverter().write(e, d);
			if (version != null && d.get(version.getName()) == null) {
				d.put(((org.springframework.data.mongodb.core.mapping.MongoPersistentProperty) version).getFieldName(),
						0L);
			}
			docs.add(d);
		}
		return insertDocuments(mongo, mongo.getCollectionName(type), docs);
	}

	/**
	 * Insert raw documents in one round trip; returns the positions a unique index
	 * refused.
	 */
	public static Set<Integer> insertDocuments(MongoTemplate mongo, String collection, List<Document> docs) {
		if (docs.isEmpty()) {
			return Set.of();
		}
		try {
			mongo.getCollection(collection).insertMany(docs, new InsertManyOptions().ordered(false));
			return Set.of();
		}
		catch (MongoBulkWriteException ex) {
			Set<Integer> refused = new LinkedHashSet<>();
			for (BulkWriteError err : ex.getWriteErrors()) {
				if (err.getCode() != DUPLICATE_KEY) {
					throw ex;
				}
				refused.add(err.getIndex());
			}
			if (ex.getWriteConcernError() != null) {
				throw ex;
			}
			return refused;
		}
	}

}
