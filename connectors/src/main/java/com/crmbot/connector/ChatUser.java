package com.crmbot.connector;

/**
 * A configured user as connectors may see it (for the local chat's user picker and for
 * mapping platform ids). No CRM facts.
 */
public record ChatUser(String key, String name, String department, String wecomUserId, String dingtalkStaffId) {

	/** This user's id on the given platform, or null when not configured. */
	public String idOn(Platform platform) {
		return switch (platform) {
			case LOCAL -> key;
			case WECOM -> wecomUserId;
			case DINGTALK -> dingtalkStaffId;
		};
	}

}
