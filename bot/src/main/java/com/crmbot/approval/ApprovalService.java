package com.crmbot.approval;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.config.WorkflowConfig;
import com.crmbot.connector.Reply;
import com.crmbot.connector.NativeApprovalGateway;
import com.crmbot.connector.Platform;
import com.crmbot.notification.Notifier;
import com.crmbot.schedule.ScheduledWork;
import com.crmbot.template.TemplateService;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Deals and their approvals. Rules come from {@code workflow.yaml}; each approver in turn
 * is asked in chat with approve/reject buttons; an approver who is away is replaced by
 * their deputy; pending approvals remind their approver; everything is audited.
 */
@Service
public class ApprovalService implements ScheduledWork {

	private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final ConfigService config;

	private final Notifier notifier;

	private final TemplateService templates;

	private final WecomApprovalClient wecom;

	/** Prefix of {@code nativeSpNo} for approvals running in DingTalk. */
	static final String DINGTALK_PREFIX = "dingtalk:";

	private final org.springframework.beans.factory.ObjectProvider<NativeApprovalGateway> gateways;

	ApprovalService(MongoTemplate mongo, Clock clock, ConfigService config, Notifier notifier,
			TemplateService templates, WecomApprovalClient wecom,
			org.springframework.beans.factory.ObjectProvider<NativeApprovalGateway> gateways) {
		this.wecom = wecom;
		this.gateways = gateways;
		this.mongo = mongo;
		this.clock = clock;
		this.config = config;
		this.notifier = notifier;
		this.templates = templates;
		mongo.indexOps(Deal.class)
			.createIndex(new Index().on("sourceKey", Sort.Direction.ASC).unique().sparse().named("uniq_source"));
		mongo.indexOps(Approval.class)
			.createIndex(new Index().on("status", Sort.Direction.ASC)
				.on("lastRemindedAt", Sort.Direction.ASC)
				.named("pending"));
		mongo.indexOps(AuditEntry.class)
			.createIndex(
					new Index().on("approvalId", Sort.Direction.ASC).on("at", Sort.Direction.ASC).named("by_approval"));
	}

	/**
	 * The approvers an amount needs (rules it is above, lowest threshold first), and the
	 * rules.
	 */
	public Chain chainFor(long amount) {
		WorkflowConfig.Approvals a = config.get().workflow().approvals();
		Set<String> approvers = new LinkedHashSet<>();
		Set<String> inform = new LinkedHashSet<>();
		List<String> rules = new ArrayList<>();
		a.rules()
			.stream()
			.filter((r) -> amount > r.above())
			.sorted(Comparator.comparing(WorkflowConfig.Rule::above))
			.forEach((r) -> {
				rules.add(r.id());
				approvers.addAll(r.approvers());
				inform.addAll(r.inform());
			});
		return new Chain(rules, List.copyOf(approvers), List.copyOf(inform));
	}

	/**
	 * Record a deal; opens an approval when a rule matches. Idempotent by
	 * {@code sourceKey}: the same message records one deal.
	 */
	public Recorded record(String customerId, String customerName, String ownerId, long amount, String sourceKey) {
		if (sourceKey != null) {
			Deal existing = mongo.findOne(Query.query(Criteria.where("sourceKey").is(sourceKey)), Deal.class);
			if (existing != null) {
				return new Recorded(existing,
						(existing.approvalId() != null) ? byId(existing.approvalId()).orElse(null) : null, false);
			}
		}
		Instant now = clock.instant();
		Chain chain = chainFor(amount);
		String dealId = new ObjectId().toHexString();
		if (chain.approvers().isEmpty()) {
			Deal d = new Deal(dealId, customerId, customerName, ownerId, amount, Deal.Status.RECORDED, null, now, null,
					sourceKey);
			try {
				Recorded r = new Recorded(mongo.insert(d), null, true);
				setCustomerAmount(customerId, amount);
				return r;
			}
			catch (DuplicateKeyException ex) {
				return record(customerId, customerName, ownerId, amount, sourceKey);
			}
		}
		String approvalId = nextApprovalId();
		Deal d = new Deal(dealId, customerId, customerName, ownerId, amount, Deal.Status.PENDING_APPROVAL, approvalId,
				now, null, sourceKey);
		try {
			mongo.insert(d);
		}
		catch (DuplicateKeyException ex) {
			return record(customerId, customerName, ownerId, amount, sourceKey);
		}
		Approval a = mongo
			.insert(new Approval(approvalId, dealId, customerName, amount, ownerId, chain.rules(), chain.approvers(),
					chain.inform(), 0, Approval.Status.PENDING, List.of(), now, now, now, 0, null, null));
		audit(a, "opened", ownerId, null,
				"rules " + String.join(",", chain.rules()) + "; chain " + String.join(" → ", chain.approvers()));
		Approval opened = openNative(a);
		if (opened == null) {
			askCurrent(a);
			return new Recorded(d, a, true);
		}
		return new Recorded(d, opened, true);
	}

	/**
	 * When configured, open the approval in WeCom's approval app; null when it runs in
	 * chat (not configured, someone has no WeCom id, or WeCom refused: then chat takes
	 * over).
	 */
	private Approval openNative(Approval a) {
		AdminConfig cfg = config.get();
		WorkflowConfig.WecomApproval w = cfg.workflow().approvals().wecom();
		if (!w.enabled()) {
			return openDingTalk(a);
		}
		Optional<String> creator = cfg.user(a.requesterId()).map(User::wecomUserId);
		List<String> approvers = a.approvers()
			.stream()
			.map(this::assignee)
			.map((id) -> cfg.user(id).map(User::wecomUserId).orElse(null))
			.toList();
		if (creator.isEmpty() || approvers.contains(null)) {
			audit(a, "native-skipped", "system", null, "requester or approver without WeCom id: approval in chat");
			return null;
		}
		List<String> inform = a.inform()
			.stream()
			.map((id) -> cfg.user(id).map(User::wecomUserId).orElse(null))
			.filter(java.util.Objects::nonNull)
			.toList();
		try {
			String spNo = wecom.apply(w, creator.get(), approvers, inform, a.amount(),
					a.customerName() + " 成交 " + money(a.amount()) + " 元");
			Approval after = mongo.findAndModify(Query.query(Criteria.where("_id").is(a.id())),
					new Update().set("nativeSpNo", spNo), FindAndModifyOptions.options().returnNew(true),
					Approval.class);
			audit(a, "native-opened", "system", null, "WeCom sp_no " + spNo);
			return after;
		}
		catch (RuntimeException ex) {
			log.warn("approval: {} could not open in WeCom, asking in chat: {}", a.id(), ex.getMessage());
			audit(a, "native-failed", "system", null, ex.getMessage());
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
			.map(this::assignee)
			.map((id) -> cfg.user(id).map(User::dingtalkStaffId).orElse(null))
			.toList();
		if (creator.isEmpty() || approvers.contains(null)) {
			audit(a, "native-skipped", "system", null, "requester or approver without DingTalk id: approval in chat");
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
					new Update().set("nativeSpNo", DINGTALK_PREFIX + instanceId),
					FindAndModifyOptions.options().returnNew(true), Approval.class);
			audit(a, "native-opened", "system", null, "DingTalk processInstanceId " + instanceId);
			return after;
		}
		catch (Exception ex) {
			log.warn("approval: {} could not open in DingTalk, asking in chat: {}", a.id(), ex.getMessage());
			audit(a, "native-failed", "system", null, String.valueOf(ex.getMessage()));
			return null;
		}
	}

	/**
	 * A DingTalk approval changed ({@code bpms_instance_change}, or its state looked up):
	 * finish+agree approves, finish+refuse rejects, terminate (withdrawn) rejects; other
	 * changes (start, a step passed) change nothing. Decided once: a repeated event or
	 * lookup changes nothing.
	 */
	public Decided onDingTalkChange(String processInstanceId, String type, String result) {
		Approval a = mongo.findOne(Query.query(Criteria.where("nativeSpNo").is(DINGTALK_PREFIX + processInstanceId)),
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
		List<Approval> running = mongo.find(Query
			.query(Criteria.where("status").is(Approval.Status.PENDING).and("nativeSpNo").regex("^" + DINGTALK_PREFIX))
			.limit(200), Approval.class);
		for (Approval a : running) {
			String id = a.nativeSpNo().substring(DINGTALK_PREFIX.length());
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
	public Decided onNativeChange(String spNo, String spStatus) {
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
			return new Decided(Outcome.ALREADY_DECIDED, byId(a.id()).orElse(a));
		}
		audit(after, "native-" + (approved ? "approved" : "rejected"), by, null, comment);
		finish(after);
		return new Decided(approved ? Outcome.APPROVED : Outcome.REJECTED, after);
	}

	public Optional<Approval> byId(String id) {
		return Optional.ofNullable(mongo.findById(id.toUpperCase(java.util.Locale.ROOT), Approval.class));
	}

	public Optional<Deal> deal(String id) {
		return Optional.ofNullable(mongo.findById(id, Deal.class));
	}

	public List<AuditEntry> audit(String approvalId) {
		return mongo.find(Query.query(Criteria.where("approvalId").is(approvalId)).with(Sort.by("at", "seq")),
				AuditEntry.class);
	}

	/** Pending approvals the user should act on now (as approver or deputy). */
	public List<Approval> waitingFor(String userId) {
		return mongo.find(Query.query(Criteria.where("status").is(Approval.Status.PENDING)), Approval.class)
			.stream()
			.filter((a) -> userId.equals(assignee(a.currentApprover())) || userId.equals(a.currentApprover()))
			.toList();
	}

	/**
	 * Who acts for an approver now: the deputy when the approver is away, else the
	 * approver.
	 */
	public String assignee(String approverId) {
		if (approverId == null) {
			return null;
		}
		AdminConfig cfg = config.get();
		WorkflowConfig.Approvals a = cfg.workflow().approvals();
		Optional<User> u = cfg.user(approverId);
		boolean away = a.away().contains(approverId) || u.map(User::away).orElse(false);
		if (!away) {
			return approverId;
		}
		String deputy = a.deputies().getOrDefault(approverId, u.map(User::deputy).orElse(null));
		return (deputy != null && cfg.user(deputy).isPresent()) ? deputy : approverId;
	}

	/**
	 * Decide the current step. Exactly one of several concurrent decisions on the same
	 * step wins (conditional update on status and step); the others get
	 * {@link Outcome#ALREADY_DECIDED}.
	 */
	public Decided decide(String approvalId, String actorId, boolean approve, String comment) {
		Optional<Approval> found = byId(approvalId);
		if (found.isEmpty()) {
			return new Decided(Outcome.UNKNOWN, null);
		}
		Approval a = found.get();
		if (a.status() != Approval.Status.PENDING) {
			return new Decided(Outcome.ALREADY_DECIDED, a);
		}
		if (a.nativeSpNo() != null) {
			return new Decided(Outcome.NATIVE, a);
		}
		String approver = a.currentApprover();
		if (!actorId.equals(approver) && !actorId.equals(assignee(approver))) {
			return new Decided(Outcome.NOT_YOURS, a);
		}
		Instant now = clock.instant();
		int step = a.step();
		boolean last = step == a.approvers().size() - 1;
		Update u = new Update().push("decisions",
				new Approval.Decision(step, approver, actorId, approve, comment, now));
		if (!approve) {
			u.set("status", Approval.Status.REJECTED).set("decidedAt", now);
		}
		else if (last) {
			u.set("status", Approval.Status.APPROVED).set("step", step + 1).set("decidedAt", now);
		}
		else {
			u.set("step", step + 1).set("stepStartedAt", now).set("lastRemindedAt", now).set("reminders", 0);
		}
		Approval after = mongo.findAndModify(Query
			.query(Criteria.where("_id").is(a.id()).and("status").is(Approval.Status.PENDING).and("step").is(step)), u,
				FindAndModifyOptions.options().returnNew(true), Approval.class);
		if (after == null) {
			return new Decided(Outcome.ALREADY_DECIDED, byId(a.id()).orElse(a));
		}
		String onBehalf = actorId.equals(approver) ? null : approver;
		String action = !approve ? "rejected" : last ? "approved" : "approved-step";
		audit(after, action + ":" + step, actorId, onBehalf, comment);
		if (after.status() == Approval.Status.PENDING) {
			askCurrent(after);
			return new Decided(Outcome.NEXT_STEP, after);
		}
		finish(after);
		return new Decided(approve ? Outcome.APPROVED : Outcome.REJECTED, after);
	}

	/**
	 * A recorded or approved deal's amount is the customer's deal amount ({@code /show},
	 * exports, reports).
	 */
	private void setCustomerAmount(String customerId, long amount) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId)),
				new Update().set("dealAmount", amount).inc("version", 1), com.crmbot.customer.Customer.class);
	}

	private void finish(Approval a) {
		Deal.Status status = (a.status() == Approval.Status.APPROVED) ? Deal.Status.APPROVED : Deal.Status.REJECTED;
		mongo.updateFirst(
				Query.query(Criteria.where("_id").is(a.dealId()).and("status").is(Deal.Status.PENDING_APPROVAL)),
				new Update().set("status", status).set("decidedAt", a.decidedAt()), Deal.class);
		if (status == Deal.Status.APPROVED) {
			Deal deal = mongo.findById(a.dealId(), Deal.class);
			if (deal != null) {
				setCustomerAmount(deal.customerId(), deal.amount());
			}
		}
		Approval.Decision d = a.decisions().get(a.decisions().size() - 1);
		AdminConfig cfg = config.get();
		String by = cfg.user(d.actorId()).map(User::name).orElse(d.actorId());
		Set<String> told = new LinkedHashSet<>();
		told.add(a.requesterId());
		told.addAll(a.inform());
		String key = (a.status() == Approval.Status.APPROVED) ? "approval-approved" : "approval-rejected";
		String comment = (d.comment() != null && !d.comment().isBlank()) ? d.comment() : "—";
		List<User> users = told.stream().map(cfg::user).flatMap(Optional::stream).toList();
		// several people on DingTalk get the same message in one batchSend
		notifier.notifyAll(users,
				(u) -> Reply.text(templates.reply(u.localeOrDefault(), key, Map.of("id", a.id(), "customer",
						a.customerName(), "amount", money(a.amount()), "by", by, "comment", comment))),
				"approval:" + a.id() + ":outcome");
		// and the requester's team hears it through its group robots
		cfg.user(a.requesterId()).map(User::department).ifPresent((dept) -> {
			String locale = notifier.departmentLocale(dept);
			String requester = cfg.user(a.requesterId()).map(User::name).orElse(a.requesterId());
			notifier.notifyDepartment(dept,
					Reply.text(templates.reply(locale,
							(a.status() == Approval.Status.APPROVED) ? "team-approval-approved"
									: "team-approval-rejected",
							Map.of("id", a.id(), "customer", a.customerName(), "amount", money(a.amount()), "requester",
									requester, "by", by))),
					"approval:" + a.id() + ":team");
		});
		log.info("approval: {} {}", a.id(), a.status());
	}

	/** Ask the current approver (or their deputy) with buttons; idempotent per step. */
	private void askCurrent(Approval a) {
		String approver = a.currentApprover();
		String assignee = assignee(approver);
		AdminConfig cfg = config.get();
		Optional<User> u = cfg.user(assignee);
		if (u.isEmpty()) {
			log.warn("approval: {} approver {} is not configured", a.id(), assignee);
			return;
		}
		notifier.notify(u.get(), request(u.get(), a, approver, assignee, "approval-request"),
				"approval:" + a.id() + ":step:" + a.step() + ":" + assignee);
	}

	private Reply request(User to, Approval a, String approver, String assignee, String key) {
		AdminConfig cfg = config.get();
		String locale = to.localeOrDefault();
		String forWhom = assignee.equals(approver) ? "" : templates.reply(locale, "approval-deputy-note",
				Map.of("approver", cfg.user(approver).map(User::name).orElse(approver)));
		String text = templates.reply(locale, key,
				Map.of("id", a.id(), "customer", a.customerName(), "amount", money(a.amount()), "requester",
						cfg.user(a.requesterId()).map(User::name).orElse(a.requesterId()), "step", a.step() + 1,
						"steps", a.approvers().size(), "deputy", forWhom));
		return Reply.text(text)
			.withButtons(List.of(
					new Reply.Button("approval:approve:" + a.id(), templates.reply(locale, "button-approve", Map.of()),
							"/approve " + a.id()),
					new Reply.Button("approval:reject:" + a.id(), templates.reply(locale, "button-reject", Map.of()),
							"/reject " + a.id())));
	}

	/**
	 * Remind approvers of approvals pending longer than
	 * {@code approvals.remindEveryMinutes}.
	 */
	@Override
	public void runDue() {
		pollDingTalk();
		Instant now = clock.instant();
		Instant cutoff = now.minus(config.get().workflow().approvals().remindEvery());
		// approvals running in WeCom's approval app are reminded by WeCom itself
		List<Approval> due = mongo.find(
				Query
					.query(Criteria.where("status")
						.is(Approval.Status.PENDING)
						.and("lastRemindedAt")
						.lte(cutoff)
						.and("nativeSpNo")
						.is(null))
					.limit(500),
				Approval.class);
		for (Approval a : due) {
			Approval claimed = mongo.findAndModify(
					Query.query(Criteria.where("_id")
						.is(a.id())
						.and("status")
						.is(Approval.Status.PENDING)
						.and("step")
						.is(a.step())
						.and("lastRemindedAt")
						.is(a.lastRemindedAt())),
					new Update().set("lastRemindedAt", now).inc("reminders", 1),
					FindAndModifyOptions.options().returnNew(true), Approval.class);
			if (claimed == null) {
				continue; // another instance did it, or it moved on
			}
			String approver = claimed.currentApprover();
			String assignee = assignee(approver);
			config.get()
				.user(assignee)
				.ifPresent((u) -> notifier.notify(u, request(u, claimed, approver, assignee, "approval-reminder"),
						"approval:" + claimed.id() + ":step:" + claimed.step() + ":remind:" + claimed.reminders()));
			audit(claimed, "reminded:" + claimed.step() + ":" + claimed.reminders(), "system", null, assignee);
		}
	}

	private void audit(Approval a, String event, String actorId, String onBehalfOf, String comment) {
		String action = event.contains(":") ? event.substring(0, event.indexOf(':')) : event;
		try {
			mongo.insert(new AuditEntry(a.id() + ":" + event, a.id(), a.dealId(), clock.instant(), actorId, onBehalfOf,
					action, comment, System.nanoTime()));
		}
		catch (DuplicateKeyException ex) {
			// already recorded
		}
	}

	private String nextApprovalId() {
		org.bson.Document c = mongo.findAndModify(Query.query(Criteria.where("_id").is("approval")),
				new Update().inc("seq", 1L), FindAndModifyOptions.options().returnNew(true).upsert(true),
				org.bson.Document.class, "counters");
		long seq = ((Number) c.get("seq")).longValue();
		return "A" + (1000 + seq);
	}

	/** 1,200,000 → "1,200,000". */
	public static String money(long amount) {
		return String.format(java.util.Locale.ROOT, "%,d", amount);
	}

	/** The approvers an amount needs. */
	public record Chain(List<String> rules, List<String> approvers, List<String> inform) {
	}

	/** A recorded deal and its approval (null when none was needed). */
	public record Recorded(Deal deal, Approval approval, boolean created) {
	}

	/** What a decision did. */
	public enum Outcome {

		UNKNOWN, NOT_YOURS, ALREADY_DECIDED, NEXT_STEP, APPROVED, REJECTED, NATIVE

	}

	/** The outcome and the approval after it. */
	public record Decided(Outcome outcome, Approval approval) {
	}

}
