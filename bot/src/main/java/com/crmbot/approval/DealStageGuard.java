package com.crmbot.approval;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;
import com.crmbot.pipeline.StageGuard;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Keeps deals and the won stage consistent: a customer cannot enter the won stage (成交)
 * while its latest deal's approval is pending or was rejected; a won move with an amount
 * that needs approval opens the approval and waits for it; a move that opened an approval
 * (see {@link StageDeals}) says so.
 */
@Component
class DealStageGuard implements StageGuard {

	private final MongoTemplate mongo;

	private final ApprovalService approvals;

	private final ConfigService config;

	private final CustomerService customers;

	DealStageGuard(MongoTemplate mongo, ApprovalService approvals, ConfigService config, CustomerService customers) {
		this.mongo = mongo;
		this.approvals = approvals;
		this.config = config;
		this.customers = customers;
	}

	@Override
	public Optional<Notice> before(Actor actor, Customer c, CustomerConfig.Stage to, Long amount) {
		if (!to.id().equals(config.get().customers().funnel().won())) {
			return Optional.empty();
		}
		Deal latest = latest(c.id());
		if (amount != null && amount > 0 && (latest == null || latest.amount() != amount)
				&& !approvals.chainFor(amount).approvers().isEmpty()) {
			ApprovalService.Recorded r = approvals.record(c.id(), c.name(), actor.id(), amount,
					"stage-deal:" + c.id() + ":" + amount);
			if (r.approval() != null && r.approval().status() != Approval.Status.APPROVED) {
				return Optional
					.of(new Notice("deal-won-approval-opened", Map.of("customer", c.name(), "stage", to.id(), "amount",
							ApprovalService.money(amount), "id", r.approval().id(), "chain", chain(r.approval()))));
			}
			latest = r.deal();
		}
		if (latest == null || latest.approvalId() == null) {
			return Optional.empty();
		}
		Approval a = approvals.byId(latest.approvalId()).orElse(null);
		if (a == null || a.status() == Approval.Status.APPROVED) {
			return Optional.empty();
		}
		if (a.status() == Approval.Status.PENDING) {
			return Optional.of(new Notice("deal-won-pending",
					Map.of("customer", c.name(), "stage", to.id(), "amount", ApprovalService.money(a.amount()), "id",
							a.id(), "approver", name(approvals.assignee(a.currentApprover())))));
		}
		String reason = a.decisions()
			.stream()
			.filter((d) -> !d.approved())
			.reduce((x, y) -> y)
			.map((d) -> (d.comment() != null && !d.comment().isBlank()) ? d.comment() : "—")
			.orElse("—");
		String by = a.decisions()
			.stream()
			.filter((d) -> !d.approved())
			.reduce((x, y) -> y)
			.map((d) -> name(d.actorId()))
			.orElse("—");
		return Optional.of(new Notice("deal-won-rejected", Map.of("customer", c.name(), "stage", to.id(), "amount",
				ApprovalService.money(a.amount()), "id", a.id(), "by", by, "reason", reason)));
	}

	@Override
	public Optional<Notice> after(String customerId, String to) {
		Customer c = customers.byId(customerId).orElse(null);
		if (c == null || c.dealAmount() == null || c.dealAmount() <= 0) {
			return Optional.empty();
		}
		Deal d = mongo.findOne(
				Query.query(Criteria.where("sourceKey").is("stage-deal:" + c.id() + ":" + c.dealAmount())), Deal.class);
		if (d == null || d.approvalId() == null) {
			return Optional.empty();
		}
		return approvals.byId(d.approvalId())
			.filter((a) -> a.status() == Approval.Status.PENDING)
			.map((a) -> new Notice("stage-approval-opened", Map.of("customer", c.name(), "amount",
					ApprovalService.money(a.amount()), "id", a.id(), "chain", chain(a))));
	}

	private Deal latest(String customerId) {
		List<Deal> deals = mongo.find(Query.query(Criteria.where("customerId").is(customerId))
			.with(Sort.by(Sort.Direction.DESC, "createdAt"))
			.limit(5), Deal.class);
		return deals.stream().max(Comparator.comparing(Deal::createdAt)).orElse(null);
	}

	private String chain(Approval a) {
		AdminConfig cfg = config.get();
		return a.approvers()
			.stream()
			.map((id) -> cfg.user(id).map((u) -> u.name()).orElse(id))
			.collect(Collectors.joining(" → "));
	}

	private String name(String userId) {
		return (userId == null) ? "—" : config.get().user(userId).map((u) -> u.name()).orElse(userId);
	}

}
