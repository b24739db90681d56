package com.crmbot.approval;

import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;
import com.crmbot.pipeline.StageChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deal amount recorded with a stage move ({@code /stage 恒通 谈判 50万}) is a deal like
 * {@code /deal}: the approval rules apply. One deal per customer and amount, however
 * often the customer moves on.
 */
@Component
class StageDeals {

	private static final Logger log = LoggerFactory.getLogger(StageDeals.class);

	private final CustomerService customers;

	private final ApprovalService approvals;

	StageDeals(CustomerService customers, ApprovalService approvals) {
		this.customers = customers;
		this.approvals = approvals;
	}

	@EventListener
	void on(StageChanged changed) {
		Customer c = customers.byId(changed.customerId()).orElse(null);
		if (c == null || c.dealAmount() == null || c.dealAmount() <= 0) {
			return;
		}
		ApprovalService.Recorded r = approvals.record(c.id(), c.name(), c.ownerId(), c.dealAmount(),
				"stage-deal:" + c.id() + ":" + c.dealAmount());
		if (r.created()) {
			log.info("stage {} of customer {} recorded deal {} ({})", changed.to(), c.id(), r.deal().id(),
					(r.approval() != null) ? "approval " + r.approval().id() : "no approval needed");
		}
	}

}
