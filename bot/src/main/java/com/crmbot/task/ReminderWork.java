package com.crmbot.task;

import com.crmbot.schedule.ScheduledWork;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What the periodic job does for reminders: send what is due, SMS, escalate; drop
 * week-old drafts.
 */
@Component
@Order(10)
class ReminderWork implements ScheduledWork {

	private final ReminderService reminders;

	private final SmsService sms;

	private final org.springframework.data.mongodb.core.MongoTemplate mongo;

	private final java.time.Clock clock;

	ReminderWork(ReminderService reminders, SmsService sms, org.springframework.data.mongodb.core.MongoTemplate mongo,
			java.time.Clock clock) {
		this.reminders = reminders;
		this.sms = sms;
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public void runDue() {
		reminders.dispatchDue();
		sms.dispatch();
		reminders.escalate();
		// a scheduled clean-up instead of TTL (which the embedded store does not apply)
		mongo.remove(org.springframework.data.mongodb.core.query.Query
			.query(org.springframework.data.mongodb.core.query.Criteria.where("createdAt")
				.lt(clock.instant().minus(java.time.Duration.ofDays(7)))), TaskDraft.class);
	}

}
