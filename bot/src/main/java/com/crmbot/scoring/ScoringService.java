package com.crmbot.scoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigCheck;
import com.crmbot.config.ConfigErrors;
import com.crmbot.config.ConfigLoader;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.config.CustomerConfig.ScoringRule;
import com.crmbot.fields.CustomerFieldsChanged;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.inquiry.InquiryFiled;
import com.crmbot.notification.Notifier;
import com.crmbot.pipeline.StageChanged;
import com.crmbot.template.TemplateService;

import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Lead scoring from the rules in customers.yaml, and the key follow-up pool (score at or
 * above {@code poolThreshold}). A customer's score is recomputed when its data or
 * follow-ups change; entering the pool notifies the owner (once per day at most).
 */
@Service
public class ScoringService implements com.crmbot.customer.CustomerScorer {

	/** Entries into the key follow-up pool: {@code _id = <customer>:<day>}, owner, at. */
	public static final String POOL_ENTRIES = "pool_entries";

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final AccessPolicy access;

	private final Notifier notifier;

	private final TemplateService templates;

	private final Clock clock;

	private final Map<String, Condition> parsed = new ConcurrentHashMap<>();

	ScoringService(MongoTemplate mongo, ConfigService config, AccessPolicy access, Notifier notifier,
			TemplateService templates, Clock clock) {
		this.mongo = mongo;
		this.config = config;
		this.access = access;
		this.notifier = notifier;
		this.templates = templates;
		this.clock = clock;
		mongo.indexOps(Customer.class).createIndex(new Index().on("score", Sort.Direction.DESC).named("score"));
	}

	public int threshold() {
		return config.get().customers().poolThreshold();
	}

	/** Each rule, whether it holds for the customer, and the total. */
	public Breakdown explain(Customer c) {
		Map<String, Object> facts = facts(c);
		List<Line> lines = new ArrayList<>();
		int total = 0;
		for (ScoringRule r : config.get().customers().scoring()) {
			boolean holds = condition(r.when()).test(facts);
			lines.add(new Line(r, holds));
			if (holds) {
				total += r.points();
			}
		}
		return new Breakdown(lines, total, threshold());
	}

	@Override
	public int score(Customer c) {
		return explain(c).total();
	}

	@Override
	public void scored(Customer before, int newScore) {
		if (before.score() < threshold() && newScore >= threshold()) {
			notifyPoolEntry(before, newScore);
		}
	}

	/**
	 * Recompute and store a customer's score; notify the owner when it enters the pool.
	 * Returns the new score.
	 */
	public int rescore(String customerId) {
		Customer c = mongo.findById(customerId, Customer.class);
		if (c == null) {
			return 0;
		}
		int score = score(c);
		if (score != c.score()) {
			mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId)), new Update().set("score", score),
					Customer.class);
			if (c.score() < threshold() && score >= threshold()) {
				notifyPoolEntry(c, score);
			}
		}
		return score;
	}

	/**
	 * Tell the owner a customer entered the key follow-up pool (idempotent per customer
	 * and day).
	 */
	public void notifyPoolEntry(Customer c, int score) {
		config.get().user(c.ownerId()).ifPresent((owner) -> {
			String text = templates.reply(owner.localeOrDefault(), "pool-entered",
					Map.of("customer", c.name(), "score", score, "threshold", threshold()));
			String day = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).toString();
			notifier.notify(owner, Reply.text(text), "pool:" + c.id() + ":" + day);
			// counted by the weekly review (one per customer and day)
			mongo.upsert(Query.query(Criteria.where("_id").is(c.id() + ":" + day)),
					new Update().setOnInsert("customerId", c.id())
						.setOnInsert("ownerId", c.ownerId())
						.setOnInsert("department", c.department())
						.setOnInsert("at", clock.instant()),
					POOL_ENTRIES);
			if (owner.department() != null) {
				notifier.notifyDepartment(owner.department(),
						Reply.text(templates.reply(notifier.departmentLocale(owner.department()), "team-pool-entered",
								Map.of("customer", c.name(), "score", score, "owner", owner.name()))),
						"pool:" + c.id() + ":" + day + ":team");
			}
		});
	}

	/** The pool as the actor may see it, highest score first. */
	public List<Customer> pool(Actor actor, int limit) {
		Query q = Query
			.query(new Criteria().andOperator(access.visibleTo(actor), Criteria.where("score").gte(threshold())))
			.with(Sort.by(Sort.Direction.DESC, "score").and(Sort.by("name")))
			.limit(limit);
		return mongo.find(q, Customer.class);
	}

	public long poolSize(Actor actor) {
		return mongo.count(
				Query.query(
						new Criteria().andOperator(access.visibleTo(actor), Criteria.where("score").gte(threshold()))),
				Customer.class);
	}

	@EventListener
	void onInquiry(InquiryFiled e) {
		if (e.scored()) {
			return;
		}
		rescore(e.customerId());
	}

	@EventListener
	void onCreated(com.crmbot.customer.CustomerService.CustomerCreated e) {
		if (e.scored()) {
			return;
		}
		rescore(e.customerId());
	}

	@EventListener
	void onFields(CustomerFieldsChanged e) {
		rescore(e.customerId());
	}

	@EventListener
	void onStage(StageChanged e) {
		rescore(e.customerId());
	}

	private Condition condition(String when) {
		return parsed.computeIfAbsent(when, Condition::parse);
	}

	/** What conditions can refer to. */
	public Map<String, Object> facts(Customer c) {
		Map<String, Object> f = new HashMap<>(c.fields());
		Instant now = clock.instant();
		f.put("decisionMaker", Boolean.TRUE.equals(c.decisionMaker()));
		f.put("budgetKnown", c.budgetCny() != null);
		f.put("phoneKnown", !c.phoneList().isEmpty());
		f.put("contactKnown", c.contact() != null);
		f.put("companyKnown", c.company() != null);
		f.put("dealKnown", c.dealAmount() != null);
		Instant contact = (c.lastContactAt() != null) ? c.lastContactAt() : c.createdAt();
		f.put("daysSinceContact", (contact != null) ? Duration.between(contact, now).toDays() : 0L);
		f.put("daysSinceCreated", (c.createdAt() != null) ? Duration.between(c.createdAt(), now).toDays() : 0L);
		f.put("budget", c.budgetCny());
		f.put("dealAmount", c.dealAmount());
		f.put("stage", c.stage());
		f.put("industry", c.industry());
		f.put("region", c.region());
		f.put("need", c.needType());
		f.put("title", c.title());
		f.put("tag", c.tags());
		f.put("tags", c.tags());
		f.put("phones", c.phoneList());
		return f;
	}

	/** A rule and whether it held. */
	public record Line(ScoringRule rule, boolean holds) {
	}

	/** The score explained. */
	public record Breakdown(List<Line> lines, int total, int threshold) {

		public boolean inPool() {
			return total >= threshold;
		}

	}

	/** Every rule's condition must parse and name known facts or configured fields. */
	@org.springframework.stereotype.Component
	static class RulesCheck implements ConfigCheck {

		@Override
		public void check(AdminConfig config, ConfigErrors errors) {
			CustomerConfig cc = config.customers();
			java.util.Set<String> known = new java.util.HashSet<>(Condition.FACTS);
			cc.coreFields().forEach((f) -> known.add(f.id()));
			cc.industryFields().values().forEach((l) -> l.forEach((f) -> known.add(f.id())));
			for (int i = 0; i < cc.scoring().size(); i++) {
				String path = "scoring[" + i + "].when";
				try {
					for (String id : Condition.parse(cc.scoring().get(i).when()).identifiers()) {
						if (!known.contains(id)) {
							errors.add(ConfigLoader.CUSTOMERS, path, "unknown fact or field '" + id + "' (known: "
									+ new java.util.TreeSet<>(known) + ")");
						}
					}
				}
				catch (IllegalArgumentException ex) {
					errors.add(ConfigLoader.CUSTOMERS, path, ex.getMessage());
				}
			}
		}

	}

}
