package com.crmbot.approval;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An approval moving through its chain. Every change is one conditional single-document
 * update on {@code status} and {@code step}, so two clicks at once have one outcome.
 *
 * @param id short id people type ({@code A1001})
 * @param dealId the deal
 * @param customerName for messages
 * @param amount yuan
 * @param requesterId who asked
 * @param rules the rule ids that matched
 * @param approvers the chain (configured approvers, in order)
 * @param inform told about the outcome besides the requester
 * @param step index of the current approver
 * @param status pending, approved or rejected
 * @param decisions what each approver decided
 * @param createdAt opened
 * @param stepStartedAt when the current approver was asked
 * @param lastRemindedAt last reminder to the current approver
 * @param reminders reminders sent so far (for idempotency keys)
 * @param decidedAt when it finished
 * @param nativeSpNo the WeCom approval number when it runs in WeCom's approval app
 */
@Document(Approval.COLLECTION)
public record Approval(@Id String id, String dealId, String customerName, long amount, String requesterId,
		List<String> rules, List<String> approvers, List<String> inform, int step, Status status,
		List<Decision> decisions, Instant createdAt, Instant stepStartedAt, Instant lastRemindedAt, int reminders,
		Instant decidedAt, String nativeSpNo) {

	public static final String COLLECTION = "approvals";

	public Approval {
		decisions = (decisions != null) ? List.copyOf(decisions) : List.of();
	}

	public String currentApprover() {
		return (status == Status.PENDING && step < approvers.size()) ? approvers.get(step) : null;
	}

	public enum Status {

		PENDING, APPROVED, REJECTED

	}

	/**
	 * One approver's decision.
	 *
	 * @param step chain index
	 * @param approverId the configured approver
	 * @param actorId who clicked (the approver or their deputy)
	 * @param approved approve or reject
	 * @param comment comment or reason
	 * @param at when
	 */
	public record Decision(int step, String approverId, String actorId, boolean approved, String comment, Instant at) {
	}

}
