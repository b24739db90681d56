package com.crmbot.access;

import java.time.Clock;
import java.util.List;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** The audit log of exports and export denials (admins list it with /audit). */
@Service
public class AuditLog {

	private final MongoTemplate mongo;

	private final AccessPolicy access;

	private final Clock clock;

	AuditLog(MongoTemplate mongo, AccessPolicy access, Clock clock) {
		this.mongo = mongo;
		this.access = access;
		this.clock = clock;
	}

	public void allowed(Actor actor, String action, String channel, long rows) {
		mongo.insert(new AuditEntry(new ObjectId().toHexString(), clock.instant(), actor.id(), actor.role().id(),
				action, channel, true, rows));
	}

	public void denied(Actor actor, String action, String channel) {
		access.logDenied(actor, action, channel); // logs and stores the denial
	}

	public List<AuditEntry> latest(int limit) {
		return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "at")).limit(limit), AuditEntry.class);
	}

}
