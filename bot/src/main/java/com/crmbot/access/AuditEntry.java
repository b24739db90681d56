package com.crmbot.access;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One audited action: an export (allowed, with its row count) or a denied one.
 *
 * @param id store id
 * @param at when
 * @param userId who
 * @param role their role
 * @param action e.g. {@code export customers}
 * @param channel {@code chat} or {@code http}
 * @param allowed whether it was allowed
 * @param rows rows exported (0 when denied)
 */
@Document(AuditEntry.COLLECTION)
public record AuditEntry(@Id String id, Instant at, String userId, String role, String action, String channel,
		boolean allowed, long rows) {

	public static final String COLLECTION = "audit_log";

}
