package com.crmbot.security;

import java.time.Clock;

import com.crmbot.access.AuditEntry;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Denied web requests and failed sign-ins go into the audit log ({@code /audit}) with
 * who, what and when.
 */
@Service
public class Denials {

	private static final Logger log = LoggerFactory.getLogger(Denials.class);

	private final MongoTemplate mongo;

	private final CrmUsers users;

	private final Clock clock;

	Denials(MongoTemplate mongo, CrmUsers users, Clock clock) {
		this.mongo = mongo;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * Record a denial.
	 * @param user the claimed or signed-in user id, or null when unknown
	 * @param action what was refused, e.g. {@code sign-in} or {@code POST /api/import}
	 * @param channel {@code http} or {@code sign-in}
	 */
	public void record(String user, String action, String channel) {
		String who = (user == null || user.isBlank()) ? "-" : abbreviate(user);
		String role = users.user(user).map((u) -> u.role()).orElse("-");
		log.info("access denied: user={} role={} action={}", who, role, action);
		mongo.insert(new AuditEntry(new ObjectId().toHexString(), clock.instant(), who, role, abbreviate(action),
				channel, false, 0));
	}

	private static String abbreviate(String s) {
		return (s.length() > 120) ? s.substring(0, 120) : s;
	}

}
