package com.crmbot.customer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which customers the answer to the message being handled shows: lookups ({@code /show},
 * {@code /tpl}, quotes…), {@code /find} results and filed inquiries report them here, so
 * an answer into a group chat can be checked against the group's members. Per thread,
 * only while a {@link Scope} is open (nothing is recorded otherwise).
 */
public final class Disclosures {

	private static final ThreadLocal<Map<String, Customer>> CURRENT = new ThreadLocal<>();

	private Disclosures() {
	}

	/** Start recording for the current thread (try-with-resources). */
	public static Scope open() {
		Map<String, Customer> previous = CURRENT.get();
		CURRENT.set(new LinkedHashMap<>());
		return new Scope(previous);
	}

	/** The answer being built shows this customer. */
	public static void shown(Customer customer) {
		Map<String, Customer> m = CURRENT.get();
		if (m != null && customer != null && customer.id() != null) {
			m.putIfAbsent(customer.id(), customer);
		}
	}

	public static void shown(Collection<Customer> customers) {
		customers.forEach(Disclosures::shown);
	}

	/** An open recording. */
	public static final class Scope implements AutoCloseable {

		private final Map<String, Customer> previous;

		private Scope(Map<String, Customer> previous) {
			this.previous = previous;
		}

		/** The customers shown so far. */
		public List<Customer> customers() {
			Map<String, Customer> m = CURRENT.get();
			return (m != null) ? List.copyOf(m.values()) : List.of();
		}

		@Override
		public void close() {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}

	}

}
