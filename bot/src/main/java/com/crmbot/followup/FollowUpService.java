package com.crmbot.followup;

import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Follow-up records. One platform message files at most one follow-up (unique index). */
@Service
public class FollowUpService {

	private final MongoTemplate mongo;

	FollowUpService(MongoTemplate mongo) {
		this.mongo = mongo;
		var ops = mongo.indexOps(FollowUp.class);
		ops.createIndex(new Index().on("platform", Sort.Direction.ASC)
			.on("platformMessageId", Sort.Direction.ASC)
			.unique()
			.named("uniq_platform_message"));
		ops.createIndex(
				new Index().on("customerId", Sort.Direction.ASC).on("at", Sort.Direction.DESC).named("customer_time"));
	}

	/** The follow-up filed for a platform message, if any. */
	public Optional<FollowUp> byMessage(String platform, String platformMessageId) {
		return Optional.ofNullable(mongo.findOne(
				Query.query(Criteria.where("platform").is(platform).and("platformMessageId").is(platformMessageId)),
				FollowUp.class));
	}

	/**
	 * Store a follow-up; if the same platform message was already filed, return that one
	 * instead (the boolean tells which).
	 */
	public Saved save(FollowUp f) {
		FollowUp withId = (f.id() != null) ? f
				: new FollowUp(new ObjectId().toHexString(), f.customerId(), f.kind(), f.platform(),
						f.platformMessageId(), f.authorId(), f.text(), f.extracted(), f.objections(), f.attachment(),
						f.at());
		try {
			return new Saved(mongo.insert(withId), true);
		}
		catch (DuplicateKeyException ex) {
			return new Saved(byMessage(f.platform(), f.platformMessageId()).orElseThrow(() -> ex), false);
		}
	}

	/** The latest follow-ups of a customer, newest first. */
	public List<FollowUp> latest(String customerId, int limit) {
		return mongo.find(Query.query(Criteria.where("customerId").is(customerId))
			.with(Sort.by(Sort.Direction.DESC, "at"))
			.limit(limit), FollowUp.class);
	}

	public long count(String customerId) {
		return mongo.count(Query.query(Criteria.where("customerId").is(customerId)), FollowUp.class);
	}

	/** Saved or found. */
	public record Saved(FollowUp followUp, boolean created) {
	}

}
