package com.crmbot.calls;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One received call event; {@code (callId, event)} is unique, so a record pushed twice is
 * handled once. It is stored {@code RECEIVED} before anything else happens and marked
 * {@code DONE} at the end; every step in between is idempotent, so a retry after a crash
 * finishes the work without doing any of it twice.
 *
 * @param id {@code <event>:<callId>}
 * @param callId the call centre's call id
 * @param event ringing or ended
 * @param record the call as received (our field names)
 * @param agentUserId the agent's user
 * @param customerId the matched or created customer (ended calls)
 * @param followUpId the follow-up filed
 * @param callbackTaskId the call-back task of a missed inbound call
 * @param newLead whether the number was unknown and a lead was created
 * @param state RECEIVED or DONE
 * @param receivedAt when it first arrived
 */
@Document(Call.COLLECTION)
record Call(@Id String id, String callId, String event, CallRecord record, String agentUserId, String customerId,
		String followUpId, String callbackTaskId, boolean newLead, State state, Instant receivedAt) {

	static final String COLLECTION = "calls";

	enum State {

		RECEIVED, DONE

	}

}
