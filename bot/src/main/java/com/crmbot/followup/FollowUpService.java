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

/**
 * Follow-up records. One platform message files at most one follow-up (unique index).
 * Filing one bumps its customer's counters ({@link FollowUpCounters}).
 */
@Service
public class FollowUpService {

	private final MongoTemplate mongo;

	private final FollowUpCounters counters;

	FollowUpService(MongoTemplate mongo, FollowUpCounters counters) {
		this.mongo = mongo;
		this.counters = counters;
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
		FollowUp saved;
		try {
			saved = mongo.insert(withId);
		}
		catch (DuplicateKeyException ex) {
			return new Saved(byMessage(f.platform(), f.platformMessageId()).orElseThrow(() -> ex), false);
		}
		counters.filed(saved);
		return new Saved(saved, true);
	}

	/**
	 * Store several follow-ups with one bulk insert; a platform message filed before
	 * (unique platform + message-id index) is answered with the follow-up filed then. One
	 * result per follow-up, in order.
	 */
	public List<Saved> saveAll(List<FollowUp> followUps) {
		List<FollowUp> withIds = followUps.stream()
			.map((f) -> (f.id() != null) ? f
					: new FollowUp(new ObjectId().toHexString(), f.customerId(), f.kind(), f.platform(),
							f.platformMessageId(), f.authorId(), f.text(), f.extracted(), f.objections(),
							f.attachment(), f.at()))
			.toList();
		java.util.Set<Integer> refused = com.crmbot.customer.BulkWrites.insertAll(mongo, withIds, FollowUp.class);
		counters.filedAll(java.util.stream.IntStream.range(0, withIds.size())
			.filter((i) -> !refused.contains(i))
			.mapToObj(withIds::get)
			.toList());
		List<Saved> out = new java.util.ArrayList<>(withIds.size());
		for (int i = 0; i < withIds.size(); i++) {
			FollowUp f = withIds.get(i);
			if (!refused.contains(i)) {
				out.add(new Saved(f, true));
				continue;
			}
			Optional<FollowUp> before = byMessage(f.platform(), f.platformMessageId());
			out.add(before.map((b) -> new Saved(b, false)).orElseGet(() -> save(f)));
		}
		return out;
	}

	/** The latest follow-ups of a customer, newest first. */
	public List<FollowUp> latest(String customerId, int limit) {
		return mongo.find(Query.query(Criteria.where("customerId").is(customerId))
			.with(Sort.by(Sort.Direction.DESC, "at"))
			.limit(limit), FollowUp.class);
	}

	/** One page of a customer's follow-ups, newest first. */
	public List<FollowUp> page(String customerId, int skip, int limit) {
		return mongo.find(Query.query(Criteria.where("customerId").is(customerId))
			.with(Sort.by(Sort.Direction.DESC, "at"))
			.skip(skip)
			.limit(limit), FollowUp.class);
	}

	/**
	 * The newest follow-up a user filed that carries extracted fields (an inquiry or a
	 * note), optionally on one customer.
	 */
	public Optional<FollowUp> lastFiledBy(String authorId, String customerId) {
		Criteria c = Criteria.where("kind").in(FollowUp.Kind.INQUIRY, FollowUp.Kind.NOTE);
		c = (customerId != null) ? c.and("customerId").is(customerId) : c.and("authorId").is(authorId);
		return Optional.ofNullable(
				mongo.findOne(Query.query(c).with(Sort.by(Sort.Direction.DESC, "at")).limit(1), FollowUp.class));
	}

	/** Replace the extracted fields of a follow-up. */
	public void setExtracted(String id, java.util.Map<String, Object> extracted) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new org.springframework.data.mongodb.core.query.Update().set("extracted", extracted), FollowUp.class);
	}

	public Optional<FollowUp> byId(String id) {
		return Optional.ofNullable(mongo.findById(id, FollowUp.class));
	}

	public long count(String customerId) {
		return mongo.count(Query.query(Criteria.where("customerId").is(customerId)), FollowUp.class);
	}

	/** Saved or found. */
	public record Saved(FollowUp followUp, boolean created) {
	}

}
