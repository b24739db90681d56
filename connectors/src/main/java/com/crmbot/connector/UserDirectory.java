package com.crmbot.connector;

import java.util.List;
import java.util.Optional;

/** Implemented by the bot from its admin configuration. */
public interface UserDirectory {

	List<ChatUser> users();

	default Optional<ChatUser> find(Platform platform, String platformUserId) {
		if (platformUserId == null) {
			return Optional.empty();
		}
		return users().stream().filter((u) -> platformUserId.equals(u.idOn(platform))).findFirst();
	}

}
