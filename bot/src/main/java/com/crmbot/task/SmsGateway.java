package com.crmbot.task;

/** The second channel for urgent reminders. */
public interface SmsGateway {

	/** Whether a gateway is configured. */
	boolean enabled();

	/**
	 * Try to send once; must not throw for gateway errors.
	 * @param key idempotency key, passed on to the gateway
	 */
	Result send(String mobile, String text, String key);

	/** What happened. */
	record Result(Outcome outcome, String reason) {

		public static Result sent() {
			return new Result(Outcome.SENT, null);
		}

		public static Result retry(String reason) {
			return new Result(Outcome.RETRY, reason);
		}

		public static Result failed(String reason) {
			return new Result(Outcome.FAILED, reason);
		}

	}

	enum Outcome {

		SENT, RETRY, FAILED

	}

}
