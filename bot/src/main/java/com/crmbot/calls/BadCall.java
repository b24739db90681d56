package com.crmbot.calls;

/** A call record that cannot be accepted; the message tells the sender why (HTTP 4xx). */
class BadCall extends RuntimeException {

	private final int status;

	BadCall(int status, String message) {
		super(message);
		this.status = status;
	}

	int status() {
		return status;
	}

}
