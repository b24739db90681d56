package com.crmbot.approval;

import java.time.Clock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The audit trail of approvals, written by chat and native approvals alike. */
@Component
class ApprovalAudit {

	private final MongoTemplate mongo;

	private final Clock clock;

	ApprovalAudit(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Record an event once (its id is the approval and the event). */
	void record(Approval a, String event, String actorId, String onBehalfOf, String comment) {
		String action = event.contains(":") ? event.substring(0, event.indexOf(':')) : event;
		try {
			mongo.insert(new AuditEntry(a.id() + ":" + event, a.id(), a.dealId(), clock.instant(), actorId, onBehalfOf,
					action, comment, System.nanoTime()));
		}
		catch (DuplicateKeyException ex) {
			// already recorded
		}
	}

}
