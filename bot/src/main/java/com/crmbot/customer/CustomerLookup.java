package com.crmbot.customer;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.crmbot.access.AccessPolicy;
import com.crmbot.command.CommandContext;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/**
 * Resolves the customer a command names, within what the user may see, and words the
 * answer when that fails: not found, not yours (logged), or which of several.
 */
@Component
public class CustomerLookup {

	private final CustomerService customers;

	private final AccessPolicy access;

	CustomerLookup(CustomerService customers, AccessPolicy access) {
		this.customers = customers;
		this.access = access;
	}

	public Result find(CommandContext ctx, String ref) {
		CustomerService.Resolution r = customers.resolve(ctx.actor(), ref);
		if (r.found()) {
			return new Result(r.customer(), List.of());
		}
		if (r.ambiguous()) {
			String names = r.candidates()
				.stream()
				.map((c) -> "• " + c.name() + (c.phone() != null ? " " + c.phone() : "") + " (" + c.id() + ")")
				.collect(Collectors.joining("\n"));
			return new Result(null, ctx.say("customer-ambiguous", Map.of("ref", ref, "candidates", names)));
		}
		if (customers.existsAnywhere(ref)) {
			// no oracle: a customer the actor may not see answers exactly like an absent
			// one
			access.logDenied(ctx.actor(), "customer lookup");
		}
		return new Result(null, ctx.say("customer-not-found", Map.of("ref", ref)));
	}

	/** Either a customer, or the replies explaining why not. */
	public record Result(Customer customer, List<Reply> replies) {

		public boolean found() {
			return customer != null;
		}

	}

}
