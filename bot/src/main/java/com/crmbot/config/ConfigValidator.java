package com.crmbot.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.crmbot.config.CustomerConfig.Field;
import com.crmbot.config.OrgConfig.Department;
import com.crmbot.config.OrgConfig.Role;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.config.CueLabel;
import com.crmbot.config.ObjectionRule;

/**
 * The built-in checks. Per-field rules (required, ranges, formats) are Bean Validation
 * constraints on the records ({@link FieldRules}); here: references resolve, ids are
 * unique, and rules that span fields.
 */
final class ConfigValidator {

	void validate(AdminConfig c, ConfigErrors e) {
		FieldRules.check(ConfigLoader.ORG, c.org(), e);
		FieldRules.check(ConfigLoader.CUSTOMERS, c.customers(), e);
		FieldRules.check(ConfigLoader.BOT, c.bot(), e);
		FieldRules.check(ConfigLoader.WORKFLOW, c.workflow(), e);
		String f = ConfigLoader.ORG;
		OrgConfig org = c.org();
		Set<String> depts = unique(e, f, "departments", org.departments(), Department::id);
		Set<String> roles = unique(e, f, "roles", org.roles(), Role::id);
		Set<String> users = unique(e, f, "users", org.users(), User::id);
		for (int i = 0; i < org.departments().size(); i++) {
			Department d = org.departments().get(i);
			if (d.supervisor() != null && !users.contains(d.supervisor())) {
				e.add(f, "departments[" + i + "].supervisor", "unknown user '" + d.supervisor() + "'");
			}
		}
		Set<String> wecomIds = new HashSet<>();
		Set<String> dingIds = new HashSet<>();
		for (int i = 0; i < org.users().size(); i++) {
			User u = org.users().get(i);
			String p = "users[" + i + "]";
			if (!blank(u.role()) && !roles.contains(u.role())) {
				e.add(f, p + ".role", "unknown role '" + u.role() + "' (known: " + String.join(", ", roles) + ")");
			}
			if (!blank(u.department()) && !depts.contains(u.department())) {
				e.add(f, p + ".department",
						"unknown department '" + u.department() + "' (known: " + String.join(", ", depts) + ")");
			}
			if (u.wecomUserId() != null && !wecomIds.add(u.wecomUserId())) {
				e.add(f, p + ".wecomUserId", "duplicate WeCom userid '" + u.wecomUserId() + "'");
			}
			if (u.dingtalkStaffId() != null && !dingIds.add(u.dingtalkStaffId())) {
				e.add(f, p + ".dingtalkStaffId", "duplicate DingTalk staffId '" + u.dingtalkStaffId() + "'");
			}
			if (u.deputy() != null && !users.contains(u.deputy())) {
				e.add(f, p + ".deputy", "unknown user '" + u.deputy() + "'");
			}
		}

		f = ConfigLoader.CUSTOMERS;
		CustomerConfig cc = c.customers();
		unique(e, f, "coreFields", cc.coreFields(), Field::id);
		fields(e, f, "coreFields", cc.coreFields());
		for (var entry : cc.industryFields().entrySet()) {
			unique(e, f, "industryFields." + entry.getKey(), entry.getValue(), Field::id);
			fields(e, f, "industryFields." + entry.getKey(), entry.getValue());
		}
		unique(e, f, "tagGroups", cc.tagGroups(), CustomerConfig.TagGroup::id);
		unique(e, f, "scoring", cc.scoring(), CustomerConfig.ScoringRule::id);
		Set<String> stages = unique(e, f, "stages", cc.stages(), CustomerConfig.Stage::id);
		for (int i = 0; i < cc.stages().size(); i++) {
			List<CustomerConfig.Trigger> triggers = cc.stages().get(i).onEnter();
			for (int j = 0; j < triggers.size(); j++) {
				CustomerConfig.Trigger t = triggers.get(j);
				String p = "stages[" + i + "].onEnter[" + j + "]";
				if (t.assignee() != null && !users.contains(t.assignee())) {
					e.addReference(f, p + ".assignee", ConfigLoader.ORG, "unknown user '" + t.assignee() + "'");
				}
			}
		}

		CustomerConfig.Funnel funnel = cc.funnel();
		if (!stages.contains(funnel.won())) {
			e.add(f, "funnel.won", "unknown stage '" + funnel.won() + "'");
		}
		if (!stages.contains(funnel.lost())) {
			e.add(f, "funnel.lost", "unknown stage '" + funnel.lost() + "'");
		}
		for (int i = 0; i < funnel.alerts().size(); i++) {
			CustomerConfig.FunnelAlert a = funnel.alerts().get(i);
			String p = "funnel.alerts[" + i + "]";
			if (!stages.contains(a.from())) {
				e.add(f, p + ".from", "unknown stage '" + a.from() + "'");
			}
			if (!stages.contains(a.to())) {
				e.add(f, p + ".to", "unknown stage '" + a.to() + "'");
			}
		}

		f = ConfigLoader.INQUIRY;
		unique(e, f, "needTypes", c.inquiry().needTypes(), CueLabel::id);
		unique(e, f, "industries", c.inquiry().industries(), CueLabel::id);
		unique(e, f, "objections", c.inquiry().objections(), ObjectionRule::id);
		for (int i = 0; i < c.inquiry().objections().size(); i++) {
			if (blank(c.inquiry().objections().get(i).response())) {
				e.add(f, "objections[" + i + "].response", "a recommended response is required");
			}
		}

		f = ConfigLoader.BOT;
		if (c.bot().defaultNotifyUser() != null && !users.contains(c.bot().defaultNotifyUser())) {
			e.addReference(f, "defaultNotifyUser", ConfigLoader.ORG,
					"unknown user '" + c.bot().defaultNotifyUser() + "'");
		}
		workflow(c.workflow(), users, e);
	}

	private static void workflow(WorkflowConfig w, Set<String> users, ConfigErrors e) {
		String f = ConfigLoader.WORKFLOW;
		try {
			java.time.ZoneId.of(w.timezone());
		}
		catch (java.time.DateTimeException ex) {
			e.add(f, "timezone", "unknown time zone '" + w.timezone() + "' (e.g. Asia/Shanghai)");
		}
		WorkflowConfig.Approvals a = w.approvals();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < a.rules().size(); i++) {
			WorkflowConfig.Rule rule = a.rules().get(i);
			String p = "approvals.rules[" + i + "]";
			if (!blank(rule.id()) && !ids.add(rule.id())) {
				e.add(f, p + ".id", "duplicate id '" + rule.id() + "'");
			}
			for (int j = 0; j < rule.approvers().size(); j++) {
				if (!users.contains(rule.approvers().get(j))) {
					e.addReference(f, p + ".approvers[" + j + "]", ConfigLoader.ORG,
							"unknown user '" + rule.approvers().get(j) + "'");
				}
			}
			for (int j = 0; j < rule.inform().size(); j++) {
				if (!users.contains(rule.inform().get(j))) {
					e.addReference(f, p + ".inform[" + j + "]", ConfigLoader.ORG,
							"unknown user '" + rule.inform().get(j) + "'");
				}
			}
		}
		WorkflowConfig.WecomApproval wa = a.wecom();
		if (wa.enabled()) {
			if (!wa.baseUrl().matches("https?://\\S+")) {
				e.add(f, "approvals.wecom.baseUrl", "must be an http(s) URL");
			}
			if (blank(wa.corpId())) {
				e.add(f, "approvals.wecom.corpId", "is required when approvals.wecom.enabled is true");
			}
			if (blank(wa.secret())) {
				e.add(f, "approvals.wecom.secret", "is required when approvals.wecom.enabled is true (use ${ENV})");
			}
			if (blank(wa.templateId())) {
				e.add(f, "approvals.wecom.templateId", "is required when approvals.wecom.enabled is true");
			}
		}
		if (a.dingtalk().enabled() && blank(a.dingtalk().processCode())) {
			e.add(f, "approvals.dingtalk.processCode", "is required when approvals.dingtalk.enabled is true");
		}
		for (var d : a.deputies().entrySet()) {
			if (!users.contains(d.getKey())) {
				e.addReference(f, "approvals.deputies." + d.getKey(), ConfigLoader.ORG,
						"unknown user '" + d.getKey() + "'");
			}
			if (!users.contains(d.getValue())) {
				e.addReference(f, "approvals.deputies." + d.getKey(), ConfigLoader.ORG,
						"unknown deputy '" + d.getValue() + "'");
			}
		}
		for (int i = 0; i < a.away().size(); i++) {
			if (!users.contains(a.away().get(i))) {
				e.addReference(f, "approvals.away[" + i + "]", ConfigLoader.ORG,
						"unknown user '" + a.away().get(i) + "'");
			}
		}
	}

	private static void fields(ConfigErrors e, String f, String path, List<Field> list) {
		for (int i = 0; i < list.size(); i++) {
			Field fd = list.get(i);
			if ("enum".equals(fd.type()) && fd.values().isEmpty()) {
				e.add(f, path + "[" + i + "].values", "an enum field needs its allowed values");
			}
		}
	}

	private static <T> Set<String> unique(ConfigErrors e, String file, String path, List<T> items,
			Function<T, String> id) {
		Set<String> seen = new java.util.LinkedHashSet<>();
		for (int i = 0; i < items.size(); i++) {
			String v = id.apply(items.get(i));
			if (blank(v)) {
				e.add(file, path + "[" + i + "].id", "is required");
			}
			else if (!seen.add(v)) {
				e.add(file, path + "[" + i + "].id", "duplicate id '" + v + "'");
			}
		}
		return seen;
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

}
