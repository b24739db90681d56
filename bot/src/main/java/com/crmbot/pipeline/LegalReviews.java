package com.crmbot.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.crmbot.customer.Customer;
import com.crmbot.task.Task;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Legal reviews opened by a {@code legal_review} stage trigger: the reviewer approves or
 * rejects with a note; a configured {@code gate} stage waits for the approval.
 */
@Service
public class LegalReviews {

	private final MongoTemplate mongo;

	private final Clock clock;

	LegalReviews(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Open the review of a review task (idempotent: one per task). */
	void open(Task task, Customer c, String requestedBy, String gate) {
		if (mongo.findById(task.id(), Review.class) == null) {
			mongo.save(new Review(task.id(), c.id(), task.ownerId(), requestedBy, gate, Status.PENDING, null,
					clock.instant(), null));
		}
	}

	/** A reviewer's pending reviews, oldest first. */
	List<Review> pendingFor(String reviewerId) {
		return mongo.find(Query.query(Criteria.where("reviewerId").is(reviewerId).and("status").is(Status.PENDING))
			.with(Sort.by("openedAt")), Review.class);
	}

	/** A reviewer's reviews a short reference names (last characters of the id). */
	List<Review> matching(String reviewerId, String ref) {
		String r = ref.strip().replace("#", "").toLowerCase(java.util.Locale.ROOT);
		return mongo.find(Query.query(Criteria.where("reviewerId").is(reviewerId)), Review.class)
			.stream()
			.filter((v) -> r.length() >= 4 && v.id().endsWith(r))
			.toList();
	}

	/** Decide once: false when it was decided already. */
	boolean decide(Review r, boolean approved, String note) {
		return mongo.updateFirst(Query.query(Criteria.where("_id").is(r.id()).and("status").is(Status.PENDING)),
				new Update().set("status", approved ? Status.APPROVED : Status.REJECTED)
					.set("note", note)
					.set("decidedAt", clock.instant()),
				Review.class)
			.getModifiedCount() == 1;
	}

	/**
	 * The latest review that keeps a customer out of a stage (gate set, not approved), if
	 * any.
	 */
	public Optional<Review> blocking(String customerId, String stage) {
		Review latest = mongo.findOne(Query.query(Criteria.where("customerId").is(customerId).and("gate").is(stage))
			.with(Sort.by(Sort.Direction.DESC, "openedAt", "_id"))
			.limit(1), Review.class);
		return (latest != null && latest.status() != Status.APPROVED) ? Optional.of(latest) : Optional.empty();
	}

	/**
	 * Whether a stage waits for a legal approval for this customer: empty when it may be
	 * entered; else the template key of why not ({@code legal-status-pending},
	 * {@code -rejected}, or {@code -none} when no review was ever opened although a
	 * {@code legal_review} trigger gates the stage).
	 */
	public Optional<String> gateClosed(String customerId, String stage, com.crmbot.config.AdminConfig cfg) {
		boolean gated = cfg.customers()
			.stages()
			.stream()
			.flatMap((s) -> s.onEnter().stream())
			.anyMatch((t) -> "legal_review".equals(t.type()) && stage.equals(t.gate()));
		if (!gated) {
			return Optional.empty();
		}
		Review latest = mongo.findOne(Query.query(Criteria.where("customerId").is(customerId).and("gate").is(stage))
			.with(Sort.by(Sort.Direction.DESC, "openedAt", "_id"))
			.limit(1), Review.class);
		if (latest == null) {
			return Optional.of("legal-status-none");
		}
		return (latest.status() == Status.APPROVED) ? Optional.empty()
				: Optional.of("legal-status-" + latest.status().name().toLowerCase(java.util.Locale.ROOT));
	}

	/** Where a review stands. */
	public enum Status {

		PENDING, APPROVED, REJECTED

	}

	/**
	 * One legal review.
	 *
	 * @param id the review task's id
	 * @param customerId the customer
	 * @param reviewerId who reviews
	 * @param requestedBy who moved the customer into the reviewed stage
	 * @param gate stage that waits for the approval (null: none)
	 * @param status where it stands
	 * @param note the reviewer's note
	 * @param openedAt opened
	 * @param decidedAt decided
	 */
	@Document("legal_reviews")
	public record Review(@Id String id, String customerId, String reviewerId, String requestedBy, String gate,
			Status status, String note, Instant openedAt, Instant decidedAt) {
	}

}
