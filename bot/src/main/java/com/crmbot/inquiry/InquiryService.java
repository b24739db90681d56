package com.crmbot.inquiry;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.ChatMessage;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;
import com.crmbot.customer.CustomerService.NewCustomer;
import com.crmbot.followup.FollowUp;
import com.crmbot.followup.FollowUpService;
import com.crmbot.inquiry.extract.ExtractedInquiry;
import com.crmbot.inquiry.extract.InquiryExtractor;
import com.crmbot.config.InquiryRules;
import com.crmbot.config.ObjectionRule;
import com.crmbot.text.Phones;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Files a free-text customer inquiry: extracts the fields, finds the customer by
 * normalized phone or company (or creates a lead), stores a follow-up. Idempotent by
 * platform message id; no multi-document transaction is needed because each step is safe
 * to repeat (unique indexes decide).
 */
@Service
public class InquiryService {

	private final ConfigService config;

	private final CustomerService customers;

	private final FollowUpService followUps;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private volatile Cached extractor;

	InquiryService(ConfigService config, CustomerService customers, FollowUpService followUps,
			ApplicationEventPublisher events, Clock clock) {
		this.config = config;
		this.customers = customers;
		this.followUps = followUps;
		this.events = events;
		this.clock = clock;
	}

	/** Extract the ten fields without storing anything. */
	public ExtractedInquiry extract(String text) {
		InquiryRules rules = config.get().inquiry();
		Cached c = extractor;
		if (c == null || c.rules() != rules) {
			c = new Cached(rules, new InquiryExtractor(rules));
			extractor = c;
		}
		return c.extractor().extract(text);
	}

	/**
	 * File an inquiry on behalf of {@code ownerId} (owner and department for a new lead).
	 * @param kind INQUIRY for a rep's message, CUSTOMER_MESSAGE for the customer's own
	 * @param externalUserId the customer's platform identity when the customer wrote
	 * themselves
	 */
	public Filing file(ChatMessage msg, String ownerId, String department, FollowUp.Kind kind, String externalUserId) {
		return file(msg, ownerId, department, kind, externalUserId, null, null, (c) -> true);
	}

	/**
	 * Whether the text names a customer by phone or company that exists already (then it
	 * is filed there, whatever else it mentions).
	 */
	public boolean namesKnownCustomer(String text) {
		ExtractedInquiry x = extract(text);
		List<String> phones = new java.util.ArrayList<>(Phones.findAll(text));
		if (x.phone() != null && !phones.contains(x.phone())) {
			phones.add(x.phone());
		}
		return customers.match(phones, x.company()).isPresent();
	}

	/**
	 * As {@link #file(ChatMessage, String, String, FollowUp.Kind, String)}, on a customer
	 * already resolved from the text (a short name or alias) when {@code target} is not
	 * null.
	 */
	public Filing file(ChatMessage msg, String ownerId, String department, FollowUp.Kind kind, String externalUserId,
			Customer target) {
		return file(msg, ownerId, department, kind, externalUserId, target, null, (c) -> true);
	}

	/**
	 * As {@link #file(ChatMessage, String, String, FollowUp.Kind, String, Customer)},
	 * with a media reference on the follow-up (e.g. a customer's image, fetched and
	 * stored).
	 */
	public Filing file(ChatMessage msg, String ownerId, String department, FollowUp.Kind kind, String externalUserId,
			Customer target, String attachment) {
		return file(msg, ownerId, department, kind, externalUserId, target, attachment, (c) -> true);
	}

	/**
	 * File an inquiry, but only into an existing customer {@code mayFileInto} accepts: an
	 * existing customer it refuses is neither changed nor given the follow-up (outcome
	 * {@link Filing.Outcome#HIDDEN}), so a rep cannot file into, or learn about, a
	 * colleague's customer she may not see.
	 */
	public Filing file(ChatMessage msg, String ownerId, String department, FollowUp.Kind kind, String externalUserId,
			Customer target, String attachment, java.util.function.Predicate<Customer> mayFileInto) {
		// no look-up of the message first: the follow-up's unique platform + message-id
		// index makes filing idempotent (a re-delivery finds the customer again, touches
		// only its contact time and ends as DUPLICATE)
		ExtractedInquiry x = extract(msg.text());
		List<String> phones = Phones.findAll(msg.text());
		if (x.phone() != null && !phones.contains(x.phone())) {
			phones = new java.util.ArrayList<>(phones);
			phones.add(0, x.phone());
		}
		Customer customer = target;
		if (customer == null && externalUserId != null) {
			customer = customers.byExternalUserId(externalUserId).orElse(null);
		}
		if (customer == null && x.company() == null && phones.isEmpty()) {
			if (externalUserId == null) {
				return new Filing(Filing.Outcome.NO_CUSTOMER, null, null, x, false);
			}
		}
		AdminConfig cfg = config.get();
		String firstStage = cfg.customers().stages().get(0).id();
		NewCustomer facts = new NewCustomer(x.company(), phones, x.contact(), x.title(), x.decisionMaker(),
				x.budgetCny(), x.needType(), x.region(), x.industry(), ownerId, department, firstStage,
				(x.email() != null) ? Map.of("email", x.email()) : null,
				(kind == FollowUp.Kind.CUSTOMER_MESSAGE) ? "customer-message" : "inquiry", externalUserId);
		boolean created = false;
		if (customer == null) {
			CustomerService.Created c = customers.createOrGet(facts);
			customer = c.customer();
			created = c.created();
		}
		if (!created && !mayFileInto.test(customer)) {
			return new Filing(Filing.Outcome.HIDDEN, customer, null, x, false);
		}
		if (!created) {
			customers.linkExternal(customer, externalUserId);
			customer = customers.enrich(customer, facts);
		}
		FollowUp f = new FollowUp(null, customer.id(), kind, msg.platform().id(), msg.messageId(), msg.senderId(),
				msg.text(), asMap(x), x.objections(), attachment, clock.instant());
		FollowUpService.Saved saved = followUps.save(f);
		if (saved.created()) {
			// createOrGet / enrich stored the customer's score with the customer itself
			events.publishEvent(new InquiryFiled(customer.id(), saved.followUp().id(), msg.senderId(), created, true));
		}
		return new Filing(saved.created() ? Filing.Outcome.FILED : Filing.Outcome.DUPLICATE, customer, saved.followUp(),
				x, created);
	}

	/**
	 * A rep's message read for filing: the extracted fields, the phones in it (the
	 * extracted one first) and the new customer it would create.
	 *
	 * @param msg the message
	 * @param extracted its fields
	 * @param facts the customer facts it carries (owner and department of the sender)
	 */
	public record Prepared(ChatMessage msg, ExtractedInquiry extracted, NewCustomer facts) {

		public List<String> phones() {
			return facts.phones();
		}

		public String company() {
			return extracted.company();
		}

		/** The normalized company key, or null. */
		public String companyKey() {
			String k = (company() != null && !company().isBlank()) ? com.crmbot.text.Companies.key(company()) : null;
			return (k == null || k.isEmpty()) ? null : k;
		}

		/** Whether the two messages name the same phone or company. */
		public boolean sharesIdentity(Prepared o) {
			String k = companyKey();
			return (k != null && k.equals(o.companyKey())) || phones().stream().anyMatch(o.phones()::contains);
		}

	}

	/** Extract a rep's inquiry once, for {@link #fileAll}. */
	public Prepared prepare(ChatMessage msg, String ownerId, String department) {
		ExtractedInquiry x = extract(msg.text());
		List<String> phones = Phones.findAll(msg.text());
		if (x.phone() != null && !phones.contains(x.phone())) {
			phones = new java.util.ArrayList<>(phones);
			phones.add(0, x.phone());
		}
		String firstStage = config.get().customers().stages().get(0).id();
		NewCustomer facts = new NewCustomer(x.company(), phones, x.contact(), x.title(), x.decisionMaker(),
				x.budgetCny(), x.needType(), x.region(), x.industry(), ownerId, department, firstStage,
				(x.email() != null) ? Map.of("email", x.email()) : null, "inquiry", null);
		return new Prepared(msg, x, facts);
	}

	/**
	 * The existing customers the prepared messages name by phone or company: two look-ups
	 * through the unique indexes for all of them.
	 */
	public CustomerService.Matches known(List<Prepared> prepared) {
		List<String> phones = new java.util.ArrayList<>();
		List<String> keys = new java.util.ArrayList<>();
		for (Prepared p : prepared) {
			phones.addAll(p.phones());
			if (p.companyKey() != null) {
				keys.add(p.companyKey());
			}
		}
		return customers.matchAll(phones, keys);
	}

	/** The customer a draft for this message would become (not stored). */
	public Customer draft(Prepared p) {
		return customers.draft(p.facts());
	}

	/**
	 * One rep's inquiry of a batch for {@link #fileAll}.
	 *
	 * @param prepared the message, read
	 * @param target the customer resolved from a short name, or null
	 * @param mayFileInto whether the sender may file into an existing customer
	 */
	public record BatchRequest(Prepared prepared, Customer target, java.util.function.Predicate<Customer> mayFileInto) {
	}

	/**
	 * File several reps' inquiries as {@link #file} files each, with bulk store writes:
	 * the customers they name are looked up together ({@code known}, kept up to date
	 * here), the new customers are inserted with one {@code insertMany}, the follow-ups
	 * with another (the unique platform + message-id index keeps re-deliveries out).
	 * Existing customers are enriched one by one (one {@code findAndModify} each). The
	 * requests must not name the same new phone or company as each other (the caller
	 * files such a message after the one before it). One filing per request, in order.
	 */
	public List<Filing> fileAll(List<BatchRequest> requests, CustomerService.Matches known) {
		int n = requests.size();
		Customer[] customer = new Customer[n];
		boolean[] created = new boolean[n];
		Filing[] out = new Filing[n];
		List<Integer> fresh = new java.util.ArrayList<>();
		for (int i = 0; i < n; i++) {
			BatchRequest r = requests.get(i);
			Prepared p = r.prepared();
			Customer c = (r.target() != null) ? r.target() : known.match(p.phones(), p.company()).orElse(null);
			if (c == null && p.company() == null && p.phones().isEmpty()) {
				out[i] = new Filing(Filing.Outcome.NO_CUSTOMER, null, null, p.extracted(), false);
				continue;
			}
			if (c == null) {
				fresh.add(i);
			}
			customer[i] = c;
		}
		// new customers: one insert for all (a phone or company taken meanwhile by
		// another
		// process is answered with that customer)
		List<NewCustomer> facts = fresh.stream().map((i) -> requests.get(i).prepared().facts()).toList();
		List<Customer> drafts = facts.stream().map(customers::draft).toList();
		List<CustomerService.Created> made = customers.createAll(facts, drafts);
		for (int k = 0; k < fresh.size(); k++) {
			int i = fresh.get(k);
			customer[i] = made.get(k).customer();
			created[i] = made.get(k).created();
			known.add(customer[i]);
		}
		List<Integer> filing = new java.util.ArrayList<>();
		List<FollowUp> records = new java.util.ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (out[i] != null) {
				continue;
			}
			BatchRequest r = requests.get(i);
			Prepared p = r.prepared();
			if (!created[i]) {
				if (!r.mayFileInto().test(customer[i])) {
					out[i] = new Filing(Filing.Outcome.HIDDEN, customer[i], null, p.extracted(), false);
					continue;
				}
				customer[i] = customers.enrich(customer[i], p.facts());
				known.add(customer[i]);
			}
			ChatMessage msg = p.msg();
			filing.add(i);
			records.add(new FollowUp(null, customer[i].id(), FollowUp.Kind.INQUIRY, msg.platform().id(),
					msg.messageId(), msg.senderId(), msg.text(), asMap(p.extracted()), p.extracted().objections(), null,
					clock.instant()));
		}
		List<FollowUpService.Saved> saved = records.isEmpty() ? List.of() : followUps.saveAll(records);
		for (int k = 0; k < filing.size(); k++) {
			int i = filing.get(k);
			FollowUpService.Saved s = saved.get(k);
			Prepared p = requests.get(i).prepared();
			if (s.created()) {
				events.publishEvent(
						new InquiryFiled(customer[i].id(), s.followUp().id(), p.msg().senderId(), created[i], true));
			}
			out[i] = new Filing(s.created() ? Filing.Outcome.FILED : Filing.Outcome.DUPLICATE, customer[i],
					s.followUp(), p.extracted(), created[i]);
		}
		return java.util.Arrays.asList(out);
	}

	/** The configured recommended responses for the recognised objections, in order. */
	public List<ObjectionRule> responsesFor(List<String> objections) {
		Map<String, ObjectionRule> all = config.get().objectionsById();
		return objections.stream().map(all::get).filter(java.util.Objects::nonNull).toList();
	}

	/** The extracted fields under SPEC.md's names, for storage. */
	public static Map<String, Object> asMap(ExtractedInquiry x) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("company", x.company());
		m.put("contact", x.contact());
		m.put("title", x.title());
		m.put("decision_maker", x.decisionMaker());
		m.put("phone", x.phone());
		m.put("budget_cny", x.budgetCny());
		m.put("need_type", x.needType());
		m.put("objections", x.objections());
		m.put("region", x.region());
		m.put("industry", x.industry());
		if (x.email() != null) {
			m.put("email", x.email());
		}
		return m;
	}

	/**
	 * The outcome of filing.
	 *
	 * @param outcome what happened
	 * @param customer the customer it was filed on (null for NO_CUSTOMER)
	 * @param followUp the follow-up record
	 * @param extracted the extracted fields
	 * @param customerCreated whether a new lead was created
	 */
	public record Filing(Outcome outcome, Customer customer, FollowUp followUp, ExtractedInquiry extracted,
			boolean customerCreated) {

		public enum Outcome {

			FILED, DUPLICATE, NO_CUSTOMER,

			/**
			 * The message names an existing customer the sender may not see: nothing
			 * filed.
			 */
			HIDDEN

		}

	}

	private record Cached(InquiryRules rules, InquiryExtractor extractor) {
	}

}
