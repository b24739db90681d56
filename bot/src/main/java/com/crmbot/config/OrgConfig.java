package com.crmbot.config;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** {@code config/org.yaml}: departments, roles and users. */
public record OrgConfig(List<Department> departments,
		@NotEmpty(message = "at least one role is required") List<@Valid Role> roles,
		@NotEmpty(message = "at least one user is required") List<@Valid User> users) {

	public OrgConfig {
		departments = (departments != null) ? List.copyOf(departments) : List.of();
		roles = (roles != null) ? List.copyOf(roles) : List.of();
		users = (users != null) ? List.copyOf(users) : List.of();
	}

	/**
	 * A department.
	 *
	 * @param id key used by users
	 * @param name display name
	 * @param supervisor user id of its supervisor (escalations, approvals)
	 * @param wecomRobot name of a WeCom group robot (key in {@code crmbot.wecom.robots})
	 * @param dingtalkRobot name of a DingTalk group robot
	 */
	public record Department(String id, String name, String supervisor, String wecomRobot, String dingtalkRobot) {
	}

	/**
	 * A role and what it may do.
	 *
	 * @param id key used by users
	 * @param name display name
	 * @param visibility which customers the role sees
	 * @param recentDays if set, only customers created or assigned in the last N days
	 * (the newcomer window)
	 * @param canExport whether the role may export
	 * @param admin whether the role may run admin commands
	 * @param hiddenFields customer fields this role never sees (e.g. dealAmount)
	 */
	public record Role(String id, String name, Visibility visibility,
			@Positive(message = "must be a positive number of days") Integer recentDays, boolean canExport,
			boolean admin, List<String> hiddenFields) {

		public Role {
			visibility = (visibility != null) ? visibility : Visibility.OWN;
			hiddenFields = (hiddenFields != null) ? List.copyOf(hiddenFields) : List.of();
		}

	}

	/** Which customers a role sees. */
	public enum Visibility {

		OWN, DEPARTMENT, ALL

	}

	/**
	 * A person using the bot.
	 *
	 * @param id stable key (also the local web chat login)
	 * @param name display name
	 * @param role role id
	 * @param department department id
	 * @param wecomUserId WeCom userid
	 * @param dingtalkStaffId DingTalk staffId
	 * @param mobile mobile number (for SMS)
	 * @param email e-mail address
	 * @param locale {@code zh-CN} (default) or {@code en}
	 * @param deputy user id who acts for this user when away
	 * @param away whether the user is away (approvals go to the deputy)
	 */
	public record User(String id, @NotBlank(message = "is required") String name,
			@NotBlank(message = "is required") String role, @NotBlank(message = "is required") String department,
			String wecomUserId, String dingtalkStaffId, String mobile,
			@Pattern(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
					message = "not an e-mail address: '${validatedValue}'") String email,
			@Pattern(regexp = "zh-CN|en", message = "must be one of zh-CN, en") String locale, String deputy,
			boolean away) {

		public String localeOrDefault() {
			return (locale != null && !locale.isBlank()) ? locale : "zh-CN";
		}

	}

}
