package com.crmbot.pipeline;

import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Actor;
import com.crmbot.config.CustomerConfig;
import com.crmbot.customer.Customer;

/**
 * A check other features hang on a stage move (the approval feature refuses 成交 while its
 * deal's approval is pending or rejected), and what they add to the reply after the move.
 * Implementations live in their own feature package, so the pipeline does not depend on
 * them.
 */
public interface StageGuard {

	/**
	 * Whether the customer may enter {@code to}.
	 * @param amount the deal amount given with the move, or null
	 * @return a refusal (template key and variables), or empty to allow the move
	 */
	Optional<Notice> before(Actor actor, Customer customer, CustomerConfig.Stage to, Long amount);

	/**
	 * A line for the reply after a completed move (e.g. "an approval was opened").
	 * @param customerId the moved customer (re-read it: its amount may have changed)
	 */
	default Optional<Notice> after(String customerId, String to) {
		return Optional.empty();
	}

	/**
	 * A reply template and its variables.
	 *
	 * @param template key under templates/replies
	 * @param vars its variables
	 */
	record Notice(String template, Map<String, Object> vars) {
	}

}
