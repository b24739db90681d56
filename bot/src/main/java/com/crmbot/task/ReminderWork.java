package com.crmbot.task;

import com.crmbot.schedule.ScheduledWork;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** What the periodic job does for reminders: send what is due, SMS, escalate. */
@Component
@Order(10)
class ReminderWork implements ScheduledWork {

	private final ReminderService reminders;

	private final SmsService sms;

	ReminderWork(ReminderService reminders, SmsService sms) {
		this.reminders = reminders;
		this.sms = sms;
	}

	@Override
	public void runDue() {
		reminders.dispatchDue();
		sms.dispatch();
		reminders.escalate();
	}

}
