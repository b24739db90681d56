package com.crmbot.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.CommandContext;
import com.crmbot.connector.Reply;
import com.crmbot.text.Phones;

import org.springframework.stereotype.Component;

/**
 * Resolves the customer a command names, within what the user may see, and words the
 * answer when that fails: not found, not yours (logged), or which of several.
 */
@Component
public class CustomerLookup {

	private final CustomerService customers;

	private final AccessPolicy access;

	private final PendingChoices choices;

	CustomerLookup(CustomerService customers, AccessPolicy access, PendingChoices choices) {
		this.customers = customers;
		this.access = access;
		this.choices = choices;
	}

	/**
	 * Run a command on the customer its arguments name: its usage when there are none,
	 * the choices or "not found" when they name no single customer one may see.
	 */
	public List<Reply> onCustomer(CommandContext ctx, java.util.function.Function<Customer, List<Reply>> then) {
		if (ctx.args().isEmpty()) {
			return ctx.usage();
		}
		Result r = find(ctx, ctx.args());
		return r.found() ? then.apply(r.customer()) : r.replies();
	}

	public Result find(CommandContext ctx, String ref) {
		CustomerService.Resolution r = customers.resolve(ctx.actor(), ref);
		if (r.found()) {
			Disclosures.shown(r.customer());
			return new Result(r.customer(), List.of());
		}
		if (r.ambiguous()) {
			Disclosures.shown(r.candidates());
			return new Result(null, List.of(choices(ctx, ref, r.candidates())));
		}
		if (customers.existsAnywhere(ref)) {
			// no oracle: a customer the actor may not see answers exactly like an absent
			// one
			access.logDenied(ctx.actor(), "customer lookup");
		}
		// a name written differently: a single shortening is meant; anything else is
		// asked
		List<Customer> near = customers.fuzzy(ctx.actor(), ref, 6);
		Disclosures.shown(near);
		if (near.size() == 1 && FuzzyNames.isShortening(ref, near.get(0))) {
			return new Result(near.get(0), List.of());
		}
		if (!near.isEmpty()) {
			return new Result(null, List.of(choices(ctx, ref, near)));
		}
		return new Result(null, ctx.say("customer-not-found", Map.of("ref", ref)));
	}

	/**
	 * Numbered choices: reply with the number (or press its button) to run the same
	 * command for that customer.
	 */
	private Reply choices(CommandContext ctx, String ref, List<Customer> candidates) {
		List<String> lines = new ArrayList<>();
		List<String> commands = new ArrayList<>();
		List<Reply.Button> buttons = new ArrayList<>();
		for (int i = 0; i < candidates.size(); i++) {
			Customer c = candidates.get(i);
			String label = (i + 1) + ". " + c.name() + ((c.contact() != null) ? " " + c.contact() : "")
					+ ((c.phone() != null) ? " " + Phones.readable(c.phone()) : "");
			lines.add(label);
			String command = "/" + ctx.spec().name() + " "
					+ withChoice(ctx.args(), ref, CustomerService.shortId(c.id()));
			commands.add(command);
			buttons.add(new Reply.Button("choice:" + (i + 1), (i + 1) + " " + c.name(), command));
		}
		choices.offer(ctx.actor().id(), commands);
		return ctx.reply("customer-ambiguous", Map.of("ref", ref, "candidates", String.join("\n", lines)))
			.withButtons(buttons);
	}

	/** The arguments with the ambiguous reference replaced by the chosen customer. */
	private static String withChoice(String args, String ref, String chosen) {
		for (String form : List.of("\"" + ref + "\"", "“" + ref + "”", ref)) {
			int at = args.indexOf(form);
			if (at >= 0) {
				return args.substring(0, at) + chosen + args.substring(at + form.length());
			}
		}
		return chosen + " " + args;
	}

	/** Either a customer, or the replies explaining why not. */
	public record Result(Customer customer, List<Reply> replies) {

		public boolean found() {
			return customer != null;
		}

	}

}
