package com.crmbot.approval;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.approval.ApprovalService.Decided;
import com.crmbot.approval.ApprovalService.Outcome;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.config.WorkflowConfig;
import com.crmbot.connector.NativeApprovalGateway;
import com.crmbot.connector.Platform;
import com.crmbot.template.TemplateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Approvals that run in the platforms' own approval apps: opening them in WeCom's
 * approval app or DingTalk's workflow, following their changes (events, and polling
 * DingTalk), and deciding once. A decision is announced as {@link NativelyDecided};
 * {@link ApprovalService} finishes the deal and tells the people concerned.
 */
@Component
class NativeApprovals {

	private static final Logger log = LoggerFactory.getLogger(NativeApprovals.class);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final ConfigService config;

	private final WecomApprovalClient wecom;

	private final ObjectProvider<NativeApprovalGateway> gateways;

	private final ApprovalAudit audit;

	private final ApplicationEventPublisher events;

	private final TemplateService templates;

	NativeApprovals(MongoTemplate mongo, Clock clock, ConfigService config, WecomApprovalClient wecom,
			ObjectProvider<NativeApprovalGateway> gateways, ApprovalAudit audit, ApplicationEventPublisher events,
			TemplateService templates) {
		this.templates = templates;
		this.mongo = mongo;
		this.clock = clock;
		this.config = config;
		this.wecom = wecom;
		this.gateways = gateways;
		this.audit = audit;
		this.events = events;
	}

	/** A native approval was decided (approved, rejected or withdrawn). */
	record NativelyDecided(Approval approval) {

	}

	/**
	 * When configured, open the approval in WeCom's approval app; null when it runs in
	 * chat (not configured, someone has no WeCom id, or WeCom refused: then chat takes
	 * over).
	 */
	Approval open(Approval a) {
		AdminConfig cfg = config.get();
		WorkflowConfig.WecomApproval w = cfg.workflow().approvals().wecom();
		if (!w.enabled()) {
			return openDingTalk(a);
		}
		Optional<String> creator = cfg.user(a.requesterId()).map(User::wecomUserId);
		List<String> approvers = a.approvers()
			.stream()
			.map((id) -> ApprovalService.assignee(cfg, id))
			.map((id) -> cfg.user(id).map(User::wecomUserId).orElse(null))
			.toList();
		if (creator.isEmpty() || approvers.contains(null)) {
			audit.record(a, "native-skipped", "system", null,
					"requester or approver without WeCom id: approval in chat");
			return null;
		}
		List<String> inform = a.inform()
			.stream()
			.map((id) -> cfg.user(id).map(User::wecomUserId).orElse(null))
			.filter(java.util.Objects::nonNull)
			.toList();
		try {
			String spNo = wecom.apply(w, creator.get(), approvers, inform, a.amount(),
					templates.reply(
							cfg.user(a.requesterId()).map(User::localeOrDefault).orElse(TemplateService.DEFAULT_LOCALE),
							"approval-native-summary",
							Map.of("customer", a.customerName(), "amount", ApprovalService.money(a.amount()))));
			Approval after = mongo.findAndModify(Query.query(Criteria.where("_id").is(a.id())),
					new Update().set("nativeSpNo", spNo), FindAndModifyOptions.options().returnNew(true),
					Approval.class);
			audit.record(a, "native-opened", "system", null, "WeCom sp_no " + spNo);
			return after;
		}
		catch (RuntimeException ex) {
			log.warn("approval: {} could not open in WeCom, asking in chat: {}", a.id(), ex.getMessage());
			audit.record(a, "native-failed", "system", null, ex.getMessage());
			return null;
		}
	}

	/**
	 * When configured, open the approval in DingTalk's approval app (workflow API); null
	 * when it runs in chat (not configured, DingTalk off, someone without a staff id, or
	 * DingTalk refused).
	 */
	private Approval openDingTalk(Approval a) {
		AdminConfig cfg = config.get();
		WorkflowConfig.DingtalkApproval w = cfg.workflow().approvals().dingtalk();
		NativeApprovalGateway api = dingtalkGateway();
		if (!w.enabled() || api == null) {
			return null;
		}
		Optional<String> creator = cfg.user(a.requesterId()).map(User::dingtalkStaffId);
		List<String> approvers = a.approvers()
			.stream()
			.map((id) -> ApprovalService.assignee(cfg, id))
			.map((id) -> cfg.user(id).map(User::dingtalkStaffId).orElse(null))
			.toList();
		if (creator.isEmpty() || approvers.contains(null)) {
			audit.record(a, "native-skipped", "system", null,
					"requester or approver without DingTalk id: approval in chat");
			return null;
		}
		List<String> cc = a.inform()
			.stream()
			.map((id) -> cfg.user(id).map(User::dingtalkStaffId).orElse(null))
			.filter(java.util.Objects::nonNull)
			.toList();
		try {
			String instanceId = api.startApproval(w.processCode(), creator.get(), approvers, cc,
					new java.util.LinkedHashMap<>(
							Map.of(w.customerField(), a.customerName(), w.amountField(), Long.toString(a.amount()))));
			Approval after = mongo.findAndModify(Query.query(Criteria.where("_id").is(a.id())),
					new Update().set("nativeSpNo", ApprovalService.DINGTALK_PREFIX + instanceId),
					FindAndModifyOptions.options().returnNew(true), Approval.class);
			audit.record(a, "native-opened", "system", null, "DingTalk processInstanceId " + instanceId);
			return after;
		}
		catch (Exception ex) {
			log.warn("approval: {} could not open in DingTalk, asking in chat: {}", a.id(), ex.getMessage());
			audit.record(a, "native-failed", "system", null, String.valueOf(ex.getMessage()));
			return null;
		}
	}

	/**
	 * A DingTalk approval changed ({@code bpms_instance_change}, or its state looked up):
	 * finish+agree approves, finish+refuse rejects, terminate (withdrawn) rejects; other
	 * changes (start, a step passed) change nothing. Decided once: a repeated event or
	 * lookup changes nothing.
	 */
	Decided onDingTalkChange(String processInstanceId, String type, String result) {
		Approval a = mongo.findOne(
				Query.query(Criteria.where("nativeSpNo").is(ApprovalService.DINGTALK_PREFIX + processInstanceId)),
				Approval.class);
		if (a == null) {
			return new Decided(Outcome.UNKNOWN, null);
		}
		String t = (type != null) ? type.toLowerCase(java.util.Locale.ROOT) : "";
		boolean terminated = t.equals("terminate") || t.equals("terminated");
		boolean finished = t.equals("finish") || t.equals("completed");
		if (!terminated && !finished) {
			return new Decided(Outcome.NEXT_STEP, a);
		}
		boolean approved = finished && "agree".equalsIgnoreCase(result);
		String comment = terminated ? "withdrawn in DingTalk" : "DingTalk approval " + processInstanceId;
		return decideNative(a, approved, "dingtalk", comment);
	}

	private NativeApprovalGateway dingtalkGateway() {
		return gateways.orderedStream().filter((g) -> g.platform() == Platform.DINGTALK).findFirst().orElse(null);
	}

	/**
	 * Ask DingTalk about approvals running there (for HTTP mode, where its events do not
	 * reach the bot, and for events lost on the way).
	 */
	void pollDingTalk() {
		NativeApprovalGateway api = dingtalkGateway();
		if (api == null) {
			return;
		}
		List<Approval> running = mongo.find(
				Query
					.query(Criteria.where("status")
						.is(Approval.Status.PENDING)
						.and("nativeSpNo")
						.regex("^" + ApprovalService.DINGTALK_PREFIX))
					.limit(200),
				Approval.class);
		for (Approval a : running) {
			String id = a.nativeSpNo().substring(ApprovalService.DINGTALK_PREFIX.length());
			try {
				NativeApprovalGateway.ApprovalState s = api.approvalState(id);
				if (s.status() != null && !"RUNNING".equalsIgnoreCase(s.status())
						&& !"NEW".equalsIgnoreCase(s.status())) {
					onDingTalkChange(id, s.status(), s.result());
				}
			}
			catch (Exception ex) {
				log.info("approval: DingTalk state of {} not available: {}", a.id(), ex.getMessage());
			}
		}
	}

	/**
	 * A WeCom approval changed ({@code sys_approval_change}): 2 approved, 3 rejected, 4
	 * withdrawn. Idempotent: a repeated event changes nothing.
	 */
	Decided onNativeChange(String spNo, String spStatus) {
		Approval a = mongo.findOne(Query.query(Criteria.where("nativeSpNo").is(spNo)), Approval.class);
		if (a == null) {
			return new Decided(Outcome.UNKNOWN, null);
		}
		boolean approved = "2".equals(spStatus);
		if (!approved && !"3".equals(spStatus) && !"4".equals(spStatus)) {
			return new Decided(Outcome.NEXT_STEP, a);
		}
		String comment = "4".equals(spStatus) ? "withdrawn in WeCom" : "WeCom approval " + spNo;
		return decideNative(a, approved, "wecom", comment);
	}

	private Decided decideNative(Approval a, boolean approved, String by, String comment) {
		Instant now = clock.instant();
		Approval after = mongo.findAndModify(
				Query.query(Criteria.where("_id").is(a.id()).and("status").is(Approval.Status.PENDING)),
				new Update().set("status", approved ? Approval.Status.APPROVED : Approval.Status.REJECTED)
					.set("decidedAt", now)
					.push("decisions",
							new Approval.Decision(a.step(), a.currentApprover(), by, approved, comment, now)),
				FindAndModifyOptions.options().returnNew(true), Approval.class);
		if (after == null) {
			return new Decided(Outcome.ALREADY_DECIDED,
					Optional.ofNullable(mongo.findById(a.id().toUpperCase(java.util.Locale.ROOT), Approval.class))
						.orElse(a));
		}
		audit.record(after, "native-" + (approved ? "approved" : "rejected"), by, null, comment);
		events.publishEvent(new NativelyDecided(after));
		return new Decided(approved ? Outcome.APPROVED : Outcome.REJECTED, after);
	}

}
