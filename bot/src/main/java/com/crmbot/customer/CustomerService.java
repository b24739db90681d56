package com.crmbot.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.text.Companies;
import com.crmbot.text.Phones;
import com.crmbot.text.TextNormalizer;
import com.crmbot.template.TemplateService;
import org.bson.types.ObjectId;

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
 * Customers in the store. Identity is guarded by unique indexes (normalized phone,
 * normalized company, WeCom external id), so concurrent filings never create twins: a
 * create that loses the race finds the winner instead.
 */
@Service
public class CustomerService {

	/** How many visible customers a fuzzy or short-id lookup looks through at most. */
	static final int VISIBLE_SCAN_LIMIT = 5000;

	private final MongoTemplate mongo;

	private final AccessPolicy access;

	private final Clock clock;

	private final TemplateService templates;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final org.springframework.beans.factory.ObjectProvider<CustomerScorer> scorer;

	CustomerService(MongoTemplate mongo, AccessPolicy access, Clock clock,
			org.springframework.context.ApplicationEventPublisher events,
			org.springframework.beans.factory.ObjectProvider<CustomerScorer> scorer, TemplateService templates) {
		this.templates = templates;
		this.mongo = mongo;
		this.scorer = scorer;
		this.access = access;
		this.clock = clock;
		this.events = events;
		var ops = mongo.indexOps(Customer.class);
		ops.createIndex(new Index().on("companyKey", Sort.Direction.ASC).unique().sparse().named("uniq_company"));
		ops.createIndex(new Index().on("phones", Sort.Direction.ASC).unique().sparse().named("uniq_phone"));
		ops.createIndex(new Index().on("externalUserId", Sort.Direction.ASC).unique().sparse().named("uniq_external"));
		ops.createIndex(new Index().on("ownerId", Sort.Direction.ASC).named("owner"));
		ops.createIndex(new Index().on("department", Sort.Direction.ASC).named("department"));
	}

	public Optional<Customer> byId(String id) {
		return Optional.ofNullable(mongo.findById(id, Customer.class));
	}

	public Optional<Customer> byPhone(String e164) {
		return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("phones").is(e164)), Customer.class));
	}

	public Optional<Customer> byCompanyKey(String key) {
		if (key == null || key.isEmpty()) {
			return Optional.empty();
		}
		return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("companyKey").is(key)), Customer.class));
	}

	public Optional<Customer> byExternalUserId(String externalUserId) {
		return Optional.ofNullable(
				mongo.findOne(Query.query(Criteria.where("externalUserId").is(externalUserId)), Customer.class));
	}

	/**
	 * Give a customer found by phone or company the platform identity of the person who
	 * wrote (unless it has one already), so that their next message without a company
	 * name finds the same customer.
	 */
	public void linkExternal(Customer c, String externalUserId) {
		if (externalUserId == null || c.externalUserId() != null) {
			return;
		}
		try {
			mongo.updateFirst(Query.query(Criteria.where("_id").is(c.id()).and("externalUserId").exists(false)),
					new Update().set("externalUserId", externalUserId), Customer.class);
		}
		catch (DuplicateKeyException ex) {
			// another customer carries that identity already: keep both as they are
		}
	}

	/** The existing customer with any of these phones or this company, if any. */
	public Optional<Customer> match(List<String> phones, String company) {
		for (String p : phones) {
			Optional<Customer> c = byPhone(p);
			if (c.isPresent()) {
				return c;
			}
		}
		return byCompanyKey(Companies.key(company));
	}

	/**
	 * Create a customer, or return the one that already has its phone or company (created
	 * concurrently or earlier). The boolean tells whether it was created.
	 */
	public Created createOrGet(NewCustomer n) {
		Optional<Customer> existing = match(n.phones(), n.company());
		if (existing.isPresent()) {
			return new Created(existing.get(), false);
		}
		Customer c = draft(n);
		try {
			Customer saved = mongo.insert(c);
			created(saved);
			return new Created(saved, true);
		}
		catch (DuplicateKeyException ex) {
			return new Created(winner(n).orElseThrow(() -> ex), false);
		}
	}

	private Optional<Customer> winner(NewCustomer n) {
		Optional<Customer> winner = match(n.phones(), n.company());
		if (winner.isEmpty() && n.externalUserId() != null) {
			winner = byExternalUserId(n.externalUserId());
		}
		return winner;
	}

	/**
	 * The customer {@link #createOrGet} would insert for these facts (new id, scored),
	 * not stored.
	 */
	public Customer draft(NewCustomer n) {
		Instant now = clock.instant();
		String companyKey = (n.company() != null && !n.company().isBlank()) ? Companies.key(n.company()) : null;
		String name = (n.company() != null
				&& !n.company().isBlank())
						? n.company().trim()
						: (n.contact() != null) ? n.contact()
								: (!n.phones()
									.isEmpty())
											? Phones.mask(n.phones().get(0))
											: (n.externalUserId() != null)
													? templates.reply(TemplateService.DEFAULT_LOCALE,
															"customer-unnamed",
															Map.of("suffix",
																	n.externalUserId()
																		.substring(Math.max(0,
																				n.externalUserId().length() - 6))))
													: "?";
		String id = new ObjectId().toHexString();
		Customer unscored = new Customer(id, name, n.company(), companyKey, n.phones(), n.contact(), n.title(),
				n.decisionMaker(), n.budgetCny(), n.needType(), n.region(), n.industry(), n.ownerId(), n.department(),
				n.stage(), List.of(), n.fields(), 0, now, now, now, n.source(), n.externalUserId(), null, null);
		// scored before the insert: the score goes in with the customer (one write)
		CustomerScorer s = scorer.getIfAvailable();
		int score = (s != null) ? s.score(unscored) : 0;
		return (score == 0) ? unscored
				: new Customer(id, name, n.company(), companyKey, n.phones(), n.contact(), n.title(), n.decisionMaker(),
						n.budgetCny(), n.needType(), n.region(), n.industry(), n.ownerId(), n.department(), n.stage(),
						List.of(), n.fields(), score, now, now, now, n.source(), n.externalUserId(), null, null);
	}

	/** After a drafted customer was stored: pool notice, {@link CustomerCreated}. */
	private void created(Customer saved) {
		CustomerScorer s = scorer.getIfAvailable();
		if (s != null && saved.score() != 0) {
			s.scored(new Customer(saved.id(), saved.name(), saved.company(), saved.companyKey(), saved.phones(),
					saved.contact(), saved.title(), saved.decisionMaker(), saved.budgetCny(), saved.needType(),
					saved.region(), saved.industry(), saved.ownerId(), saved.department(), saved.stage(), saved.tags(),
					saved.fields(), 0, saved.createdAt(), saved.assignedAt(), saved.lastContactAt(), saved.source(),
					saved.externalUserId(), saved.dealAmount(), saved.version()), saved.score());
		}
		events.publishEvent(new CustomerCreated(saved.id(), s != null));
	}

	/**
	 * Create several customers with one bulk insert ({@code insertMany}, unordered). A
	 * draft whose phone or company another customer took meanwhile (unique index) is
	 * answered with that customer instead, as {@link #createOrGet} does. The drafts must
	 * not share a phone or company with each other. One result per draft, in order.
	 */
	public List<Created> createAll(List<NewCustomer> facts, List<Customer> drafts) {
		if (drafts.isEmpty()) {
			return List.of();
		}
		java.util.Set<Integer> refused = BulkWrites.insertAll(mongo, drafts, Customer.class);
		List<Created> out = new ArrayList<>(drafts.size());
		for (int i = 0; i < drafts.size(); i++) {
			if (refused.contains(i)) {
				out.add(createOrGet(facts.get(i)));
			}
			else {
				created(drafts.get(i));
				out.add(new Created(drafts.get(i), true));
			}
		}
		return out;
	}

	/**
	 * The existing customers holding any of these phones or company keys: two look-ups
	 * through the unique indexes ({@code $in}) for a whole batch.
	 */
	public Matches matchAll(java.util.Collection<String> phones, java.util.Collection<String> companyKeys) {
		Matches m = new Matches();
		List<String> ps = phones.stream().filter(java.util.Objects::nonNull).distinct().toList();
		List<String> ks = companyKeys.stream().filter((k) -> k != null && !k.isEmpty()).distinct().toList();
		if (!ps.isEmpty()) {
			mongo.find(Query.query(Criteria.where("phones").in(ps)), Customer.class).forEach(m::add);
		}
		if (!ks.isEmpty()) {
			mongo.find(Query.query(Criteria.where("companyKey").in(ks)), Customer.class).forEach(m::add);
		}
		return m;
	}

	/** Customers by phone and company key, as {@link #match} finds them. */
	public static final class Matches {

		private final java.util.Map<String, Customer> byPhone = new java.util.HashMap<>();

		private final java.util.Map<String, Customer> byKey = new java.util.HashMap<>();

		/** A customer stored (or changed) since the look-up. */
		public void add(Customer c) {
			if (c == null) {
				return;
			}
			for (String p : c.phoneList()) {
				byPhone.put(p, c);
			}
			if (c.companyKey() != null && !c.companyKey().isEmpty()) {
				byKey.put(c.companyKey(), c);
			}
		}

		/**
		 * As {@link CustomerService#match}: the first phone that matches, else the
		 * company.
		 */
		public Optional<Customer> match(List<String> phones, String company) {
			for (String p : phones) {
				Customer c = byPhone.get(p);
				if (c != null) {
					return Optional.of(c);
				}
			}
			String key = Companies.key(company);
			return (key == null || key.isEmpty()) ? Optional.empty() : Optional.ofNullable(byKey.get(key));
		}

	}

	/**
	 * Fill in facts the customer does not have yet and mark the contact time; returns the
	 * updated customer.
	 */
	public Customer enrich(Customer c, NewCustomer facts) {
		return fill(c, facts, true);
	}

	/**
	 * Fill in facts the customer does not have yet without marking a contact (e.g. a
	 * matching row of a lead import).
	 */
	public Customer fillIn(Customer c, NewCustomer facts) {
		return fill(c, facts, false);
	}

	private Customer fill(Customer c, NewCustomer facts, boolean contact) {
		try {
			// fast path: no look-ups first, the unique indexes refuse a phone or company
			// another customer holds (then the careful path below)
			return fill(c, facts, contact, false);
		}
		catch (DuplicateKeyException ex) {
			return fill(c, facts, contact, true);
		}
	}

	private Customer fill(Customer c, NewCustomer facts, boolean contact, boolean careful) {
		Update u = new Update();
		if (contact) {
			u.set("lastContactAt", clock.instant());
		}
		setIfAbsent(u, "contact", c.contact(), facts.contact());
		setIfAbsent(u, "title", c.title(), facts.title());
		setIfAbsent(u, "decisionMaker", c.decisionMaker(), facts.decisionMaker());
		setIfAbsent(u, "budgetCny", c.budgetCny(), facts.budgetCny());
		setIfAbsent(u, "needType", c.needType(), facts.needType());
		setIfAbsent(u, "region", c.region(), facts.region());
		setIfAbsent(u, "industry", c.industry(), facts.industry());
		if (facts.fields() != null && facts.fields().get("email") != null) {
			setIfAbsent(u, "fields.email", c.fields().get("email"), facts.fields().get("email"));
		}
		if (c.company() == null && facts.company() != null) {
			String key = Companies.key(facts.company());
			if (!careful || byCompanyKey(key).isEmpty()) {
				u.set("company", facts.company()).set("companyKey", key).set("name", facts.company());
			}
		}
		List<String> newPhones = new ArrayList<>();
		for (String p : facts.phones()) {
			if (!c.phoneList().contains(p) && (!careful || byPhone(p).isEmpty())) {
				newPhones.add(p);
			}
		}
		if (!newPhones.isEmpty()) {
			u.addToSet("phones").each(newPhones.toArray());
		}
		u.inc("version", 1);
		// the score of the customer as this update leaves it, stored by the same write
		CustomerScorer s = scorer.getIfAvailable();
		Integer score = (s != null) ? s.score(applied(c, u)) : null;
		if (score != null && score != c.score()) {
			u.set("score", score);
		}
		try {
			Customer saved = mongo.findAndModify(Query.query(Criteria.where("_id").is(c.id())), u,
					FindAndModifyOptions.options().returnNew(true), Customer.class);
			if (score != null && saved != null && score != c.score()) {
				s.scored(c, score);
			}
			return saved;
		}
		catch (DuplicateKeyException ex) {
			if (!careful) {
				throw ex;
			}
			// another customer took the phone or company meanwhile: keep only the contact
			// time
			return mongo.findAndModify(Query.query(Criteria.where("_id").is(c.id())),
					contact ? new Update().set("lastContactAt", clock.instant()).inc("version", 1)
							: new Update().inc("version", 1),
					FindAndModifyOptions.options().returnNew(true), Customer.class);
		}
	}

	/**
	 * The customer as {@code u} ($set, $addToSet with $each, $inc) leaves it, computed
	 * here without a round trip.
	 */
	private Customer applied(Customer c, Update u) {
		var converter = mongo.getConverter();
		org.bson.Document doc = new org.bson.Document();
		converter.write(c, doc);
		org.bson.Document update = u.getUpdateObject();
		if (update.get("$set") instanceof org.bson.Document set) {
			for (var e : set.entrySet()) {
				Object v = converter.convertToMongoType(e.getValue());
				String[] path = e.getKey().split("\\.");
				org.bson.Document target = doc;
				for (int i = 0; i < path.length - 1; i++) {
					Object next = target.get(path[i]);
					org.bson.Document d;
					if (next instanceof org.bson.Document existing) {
						d = existing;
					}
					else {
						d = new org.bson.Document();
						target.put(path[i], d);
					}
					target = d;
				}
				target.put(path[path.length - 1], v);
			}
		}
		if (update.get("$addToSet") instanceof org.bson.Document add) {
			for (var e : add.entrySet()) {
				List<Object> list = new ArrayList<>();
				if (doc.get(e.getKey()) instanceof List<?> l) {
					list.addAll(l);
				}
				// Update.addToSet(..).each(..) holds an Update.Modifier ($each) until the
				// update is mapped; a mapped one holds a {$each: [...]} document
				Object each = (e.getValue() instanceof Update.Modifier m && "$each".equals(m.getKey())) ? m.getValue()
						: (e.getValue() instanceof org.bson.Document d) ? d.get("$each") : e.getValue();
				for (Object v : (each instanceof List<?> l) ? l
						: (each instanceof Object[] arr) ? List.of(arr) : List.of(each)) {
					if (!list.contains(v)) {
						list.add(v);
					}
				}
				doc.put(e.getKey(), list);
			}
		}
		return converter.read(Customer.class, doc);
	}

	private static void setIfAbsent(Update u, String field, Object current, Object value) {
		if (current == null && value != null) {
			u.set(field, value);
		}
	}

	/**
	 * Customers the actor may see that match a name, phone or company query, newest
	 * first.
	 */
	public List<Customer> search(Actor actor, String query, int limit) {
		Criteria match = matching(query);
		Query q = Query.query(new Criteria().andOperator(access.visibleTo(actor), match))
			.with(Sort.by(Sort.Direction.DESC, "lastContactAt"))
			.limit(limit);
		List<Customer> found = mongo.find(q, Customer.class);
		if (found.isEmpty()) {
			found = byShortId(actor, query);
		}
		return found.isEmpty() ? fuzzy(actor, query, limit) : found;
	}

	/**
	 * Customers the actor may see whose names come close to the typed one (characters in
	 * order, shared bigrams), best first; see {@link FuzzyNames}.
	 */
	public List<Customer> fuzzy(Actor actor, String typed, int limit) {
		return FuzzyNames.rank(typed, visible(actor), limit);
	}

	/** All customers the actor may see (bounded), newest contact first. */
	public List<Customer> visible(Actor actor) {
		return mongo.find(Query.query(access.visibleTo(actor))
			.with(Sort.by(Sort.Direction.DESC, "lastContactAt"))
			.limit(VISIBLE_SCAN_LIMIT), Customer.class);
	}

	/**
	 * The names of all customers the actor may see (bounded), newest contact first: one
	 * query reading only the fields names are made of.
	 */
	public List<NameRef> visibleNames(Actor actor) {
		Query q = Query.query(access.visibleTo(actor))
			.with(Sort.by(Sort.Direction.DESC, "lastContactAt"))
			.limit(VISIBLE_SCAN_LIMIT);
		q.fields().include("company").include("name").include("companyKey").include("contact");
		List<NameRef> out = new ArrayList<>();
		for (org.bson.Document d : mongo.find(q, org.bson.Document.class, mongo.getCollectionName(Customer.class))) {
			out.add(new NameRef(String.valueOf(d.get("_id")), d.getString("company"), d.getString("name"),
					d.getString("companyKey"), d.getString("contact")));
		}
		return out;
	}

	/** The customers with these ids, in the order of the ids (missing ones left out). */
	public List<Customer> byIds(List<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		if (ids.size() == 1) {
			return byId(ids.get(0)).map(List::of).orElse(List.of());
		}
		java.util.Map<String, Customer> found = new java.util.HashMap<>();
		for (Customer c : mongo.find(Query.query(Criteria.where("_id").in(ids)), Customer.class)) {
			found.put(c.id(), c);
		}
		return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
	}

	/** What a customer is called: the fields its names and aliases come from. */
	public record NameRef(String id, String company, String name, String companyKey, String contact) {
	}

	/** Visible customers a short reference ({@code #a1b2c3}) names. */
	private List<Customer> byShortId(Actor actor, String ref) {
		String shortRef = ref.strip().toLowerCase(java.util.Locale.ROOT);
		if (!shortRef.matches("#?[0-9a-f]{6}")) {
			return List.of();
		}
		String suffix = shortRef.replace("#", "");
		return visible(actor).stream().filter((c) -> c.id().endsWith(suffix)).limit(6).toList();
	}

	/**
	 * The short reference shown to people: {@code #} and the last 6 characters of the id.
	 */
	public static String shortId(String id) {
		return "#" + ((id.length() > 6) ? id.substring(id.length() - 6) : id);
	}

	/**
	 * Find exactly one customer the actor may see by a reference (id, phone, company or
	 * name). Exact matches win over partial ones.
	 */
	public Resolution resolve(Actor actor, String ref) {
		if (ref == null || ref.isBlank()) {
			return new Resolution(null, List.of());
		}
		Criteria visible = access.visibleTo(actor);
		if (ObjectId.isValid(ref)) {
			Customer c = mongo.findOne(Query.query(new Criteria().andOperator(visible, Criteria.where("_id").is(ref))),
					Customer.class);
			if (c != null) {
				return new Resolution(c, List.of(c));
			}
		}
		Optional<String> phone = Phones.normalize(ref);
		List<Criteria> exact = new ArrayList<>();
		phone.ifPresent((p) -> exact.add(Criteria.where("phones").is(p)));
		String key = Companies.key(ref);
		if (key != null && !key.isEmpty()) {
			exact.add(Criteria.where("companyKey").is(key));
		}
		exact.add(Criteria.where("name").is(ref.trim()));
		exact.add(Criteria.where("contact").is(ref.trim()));
		List<Customer> found = mongo.find(Query
			.query(new Criteria().andOperator(visible, new Criteria().orOperator(exact.toArray(new Criteria[0]))))
			.limit(6), Customer.class);
		if (found.isEmpty()) {
			found = mongo.find(Query.query(new Criteria().andOperator(visible, matching(ref))).limit(6),
					Customer.class);
		}
		if (found.isEmpty()) {
			found = byShortId(actor, ref);
		}
		return new Resolution((found.size() == 1) ? found.get(0) : null, found);
	}

	/** Whether a customer matching the reference exists at all (ignoring visibility). */
	public boolean existsAnywhere(String ref) {
		Query q = Query.query(matching(ref)).limit(1);
		return mongo.exists(q, Customer.class);
	}

	private static Criteria matching(String query) {
		String q = TextNormalizer.normalize(query).trim();
		List<Criteria> any = new ArrayList<>();
		Phones.normalize(q).ifPresent((p) -> any.add(Criteria.where("phones").is(p)));
		String literal = Pattern.quote(q);
		any.add(Criteria.where("name").regex(literal, "i"));
		any.add(Criteria.where("contact").regex(literal, "i"));
		String key = Companies.key(q);
		if (key != null && !key.isEmpty()) {
			any.add(Criteria.where("companyKey").regex(Pattern.quote(key)));
		}
		return new Criteria().orOperator(any.toArray(new Criteria[0]));
	}

	/**
	 * Facts for a new customer.
	 */
	public record NewCustomer(String company, List<String> phones, String contact, String title, Boolean decisionMaker,
			Long budgetCny, String needType, String region, String industry, String ownerId, String department,
			String stage, java.util.Map<String, Object> fields, String source, String externalUserId) {

		public NewCustomer {
			phones = (phones != null) ? List.copyOf(phones) : List.of();
		}

	}

	/** Published after {@link #createOrGet} created a customer (scoring listens). */
	public record CustomerCreated(String customerId, boolean scored) {

		public CustomerCreated(String customerId) {
			this(customerId, false);
		}

	}

	/** The outcome of {@link #createOrGet}. */
	public record Created(Customer customer, boolean created) {
	}

	/** The outcome of {@link #resolve}: {@code customer} set when exactly one matched. */
	public record Resolution(Customer customer, List<Customer> candidates) {

		public boolean found() {
			return customer != null;
		}

		public boolean ambiguous() {
			return customer == null && candidates.size() > 1;
		}

	}

}
