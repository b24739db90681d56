package com.crmbot.chat;

/** What a command requires of its user's role. */
public enum Permission {

	/** Any configured user. */
	USER,

	/**
	 * A supervisor: an admin, a role that sees all customers, or a department's
	 * configured supervisor.
	 */
	SUPERVISOR,

	/** A role allowed to export. */
	EXPORT,

	/** An admin role. */
	ADMIN

}
