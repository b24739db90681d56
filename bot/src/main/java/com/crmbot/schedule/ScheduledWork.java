package com.crmbot.schedule;

/**
 * Something the periodic workflow job runs: dispatch due reminders, escalate, remind
 * approvers. Must be safe to run on several instances at once (state lives in the store,
 * claims are atomic).
 */
public interface ScheduledWork {

	/** Do whatever is due now. */
	void runDue();

}
