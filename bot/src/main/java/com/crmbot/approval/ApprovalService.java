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
import com.crmbot.notification.Notifier;
import com.crmbot.schedule.ScheduledWork;
import com.crmbot.template.TemplateService;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
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

	/** Prefix of {@code nativeSpNo} for approvals running in DingTalk. */
	static final String DINGTALK_PREFIX = "dingtalk:";

	private final NativeApprovals natives;

	private final ApprovalAudit auditLog;

	ApprovalService(MongoTemplate mongo, Clock clock, ConfigService config, Notifier notifier,
			TemplateService templates, NativeApprovals natives, ApprovalAudit auditLog) {
		this.natives = natives;
		this.auditLog = auditLog;
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
		Approval opened = natives.open(a);
		if (opened == null) {
			askCurrent(a);
			return new Recorded(d, a, true);
		}
		return new Recorded(d, opened, true);
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
		return assignee(config.get(), approverId);
	}

	static String assignee(AdminConfig cfg, String approverId) {
		if (approverId == null) {
			return null;
		}
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
		natives.pollDingTalk();
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
		auditLog.record(a, event, actorId, onBehalfOf, comment);
	}

	@EventListener
	void onNativeDecision(NativeApprovals.NativelyDecided decided) {
		finish(decided.approval());
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
