package com.crmbot.command;

/** What a command requires of its user's role. */
public enum Permission {

	/** Any configured user. */
	USER,

	/** A role allowed to export. */
	EXPORT,

	/** An admin role. */
	ADMIN

}
