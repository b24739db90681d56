package com.crmbot.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.crmbot.config.OrgConfig.Department;
import com.crmbot.config.OrgConfig.Role;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.Platform;
import com.crmbot.config.InquiryRules;
import com.crmbot.config.ObjectionRule;

/**
 * The whole admin configuration, as loaded from {@code config/} and validated. Immutable:
 * a reload builds a new one and swaps it in.
 */
public record AdminConfig(Path dir, OrgConfig org, CustomerConfig customers, InquiryRules inquiry, BotConfig bot,
		WorkflowConfig workflow, CallsConfig calls) {

	public AdminConfig {
		workflow = (workflow != null) ? workflow : WorkflowConfig.defaults();
		calls = (calls != null) ? calls : CallsConfig.disabled();
	}

	public Optional<User> user(String id) {
		return org.users().stream().filter((u) -> u.id().equals(id)).findFirst();
	}

	public Optional<User> userOn(Platform platform, String platformUserId) {
		if (platformUserId == null) {
			return Optional.empty();
		}
		return org.users().stream().filter((u) -> platformUserId.equals(switch (platform) {
			case LOCAL -> u.id();
			case WECOM -> u.wecomUserId();
			case DINGTALK -> u.dingtalkStaffId();
		})).findFirst();
	}

	public Role role(String id) {
		return org.roles().stream().filter((r) -> r.id().equals(id)).findFirst().orElseThrow();
	}

	public Role roleOf(User user) {
		return role(user.role());
	}

	public Optional<Department> department(String id) {
		return org.departments().stream().filter((d) -> d.id().equals(id)).findFirst();
	}

	/** The display label of a need type id (e.g. price_quote → 报价), or the id itself. */
	public String needLabel(String id) {
		return label(inquiry.needTypes(), id);
	}

	/** The display label of an industry id (e.g. education → 教育), or the id itself. */
	public String industryLabel(String id) {
		return label(inquiry.industries(), id);
	}

	private static String label(java.util.List<com.crmbot.config.CueLabel> labels, String id) {
		if (id == null) {
			return null;
		}
		return labels.stream()
			.filter((l) -> id.equals(l.id()) && l.label() != null)
			.map((l) -> l.label())
			.findFirst()
			.orElse(id);
	}

	public Map<String, ObjectionRule> objectionsById() {
		return inquiry.objections()
			.stream()
			.collect(Collectors.toMap(ObjectionRule::id, Function.identity(), (a, b) -> a,
					java.util.LinkedHashMap::new));
	}

}
