package com.crmbot.connector;

import java.util.Objects;

/**
 * Where a push goes.
 *
 * @param platform the platform
 * @param kind a user, a conversation (group chat) or a group robot
 * @param id the platform user id, conversation id, or the robot's configured name
 */
public record Recipient(Platform platform, Kind kind, String id) {

	public Recipient {
		Objects.requireNonNull(platform, "platform");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(id, "id");
	}

	public static Recipient user(Platform platform, String userId) {
		return new Recipient(platform, Kind.USER, userId);
	}

	public static Recipient conversation(Platform platform, String conversationId) {
		return new Recipient(platform, Kind.CONVERSATION, conversationId);
	}

	public static Recipient robot(Platform platform, String robotName) {
		return new Recipient(platform, Kind.GROUP_ROBOT, robotName);
	}

	public String key() {
		return platform.id() + ":" + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
	}

	public enum Kind {

		USER, CONVERSATION, GROUP_ROBOT

	}

}
