package com.crmbot.chat;

import com.crmbot.config.OrgConfig.Role;
import com.crmbot.config.OrgConfig.User;

/** A configured user acting through the bot, with their role. */
public record Actor(User user, Role role) {

	public String id() {
		return user.id();
	}

	public String locale() {
		return user.localeOrDefault();
	}

	public boolean isAdmin() {
		return role.admin();
	}

	/**
	 * An admin, a role that sees every customer, or the configured supervisor of a
	 * department.
	 */
	public boolean isSupervisor(com.crmbot.config.OrgConfig org) {
		return isAdmin() || role.visibility() == com.crmbot.config.OrgConfig.Visibility.ALL
				|| org.departments().stream().anyMatch((d) -> id().equals(d.supervisor()));
	}

}
