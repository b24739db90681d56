package com.crmbot.approval;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The approval audit trail: one entry per event, with a deterministic id so a retried
 * write never duplicates.
 *
 * @param id {@code <approval>:<event>}
 * @param approvalId the approval
 * @param dealId the deal
 * @param at when
 * @param actorId who (a user id, or "system")
 * @param onBehalfOf the approver a deputy acted for (null otherwise)
 * @param action opened, approved-step, approved, rejected, reminded, native-...
 * @param comment comment, reason or details
 * @param seq orders entries written in the same instant (monotonic per instance)
 */
@Document(AuditEntry.COLLECTION)
public record AuditEntry(@Id String id, String approvalId, String dealId, Instant at, String actorId, String onBehalfOf,
		String action, String comment, long seq) {

	public static final String COLLECTION = "approval_audit";

}
