package com.crmbot.care;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.approval.Deal;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig.DormancyRule;
import com.crmbot.customer.Customer;
import com.crmbot.pipeline.StageChange;
import com.crmbot.scoring.Condition;
import com.crmbot.scoring.ScoringService;
import com.crmbot.task.Task;
import com.crmbot.task.TaskService;
import com.crmbot.template.TemplateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Dormant customers: the {@code dormancy} rules of customers.yaml evaluated over every
 * customer (nightly, together with every time-based scoring rule, so the key follow-up
 * pool reflects time passing). The result is kept in {@code dormant} (one document per
 * dormant customer, with the rules that hold); each owner gets one care task per dormant
 * customer and month.
 */
@Service
public class DormancyService {

	private static final Logger log = LoggerFactory.getLogger(DormancyService.class);

	/** Facts dormancy rules may use beyond the scoring facts. */
	public static final Set<String> FACTS = Set.of("daysSinceWon", "purchases");

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final ScoringService scoring;

	private final TaskService tasks;

	private final AccessPolicy access;

	private final Clock clock;

	private final TemplateService templates;

	private final Map<String, Condition> parsed = new ConcurrentHashMap<>();

	DormancyService(MongoTemplate mongo, ConfigService config, ScoringService scoring, TaskService tasks,
			AccessPolicy access, Clock clock, TemplateService templates) {
		this.templates = templates;
		this.mongo = mongo;
		this.config = config;
		this.scoring = scoring;
		this.tasks = tasks;
		this.access = access;
		this.clock = clock;
		mongo.indexOps(Dormant.class).createIndex(new Index().on("ownerId", Sort.Direction.ASC).named("owner"));
	}

	/** Wins and deals per customer, read once per evaluation. */
	History history() {
		String won = wonStage(config.get());
		Map<String, Instant> lastWin = new HashMap<>();
		Map<String, Integer> wins = new HashMap<>();
		Query q = Query.query(Criteria.where("to").is(won));
		q.fields().include("customerId").include("at");
		for (StageChange s : mongo.find(q, StageChange.class)) {
			wins.merge(s.customerId(), 1, Integer::sum);
			if (s.at() != null) {
				lastWin.merge(s.customerId(), s.at(), (a, b) -> a.isAfter(b) ? a : b);
			}
		}
		Map<String, Integer> deals = new HashMap<>();
		Query dq = Query.query(Criteria.where("status").in(Deal.Status.RECORDED, Deal.Status.APPROVED));
		dq.fields().include("customerId");
		for (Deal d : mongo.find(dq, Deal.class)) {
			deals.merge(d.customerId(), 1, Integer::sum);
		}
		return new History(lastWin, wins, deals);
	}

	/** The stage that means "won": 成交 when configured, else the last but one stage. */
	static String wonStage(AdminConfig cfg) {
		var stages = cfg.customers().stages();
		String won = cfg.customers().funnel().won();
		for (var s : stages) {
			if (won.equals(s.id())) {
				return s.id();
			}
		}
		return (stages.size() >= 2) ? stages.get(stages.size() - 2).id() : won;
	}

	/** The labels of the dormancy rules that hold for a customer (empty: not dormant). */
	public List<DormancyRule> rulesHolding(Customer c, History h) {
		Map<String, Object> f = scoring.facts(c);
		Instant win = h.lastWin().get(c.id());
		if (win != null) {
			f.put("daysSinceWon", Duration.between(win, clock.instant()).toDays());
		}
		f.put("purchases", (long) Math.max(h.wins().getOrDefault(c.id(), 0), h.deals().getOrDefault(c.id(), 0)));
		List<DormancyRule> out = new ArrayList<>();
		for (DormancyRule r : config.get().customers().dormancy()) {
			if (condition(r.when()).test(f)) {
				out.add(r);
			}
		}
		return out;
	}

	private Condition condition(String when) {
		return parsed.computeIfAbsent(when, Condition::parse);
	}

	/**
	 * Rescore every customer (time-based rules) and re-evaluate dormancy; owners get a
	 * care task per newly found dormant customer (one per customer and month). Safe to
	 * run on several instances: everything is keyed.
	 */
	public Result evaluateAll() {
		Instant started = clock.instant();
		AdminConfig cfg = config.get();
		History h = history();
		YearMonth month = YearMonth.now(clock.withZone(cfg.workflow().zone()));
		int dormant = 0;
		int rescored = 0;
		int tasksCreated = 0;
		try (var stream = mongo.stream(new Query(), Customer.class)) {
			for (Customer c : (Iterable<Customer>) stream::iterator) {
				int before = c.score();
				if (scoring.rescore(c.id()) != before) {
					rescored++;
				}
				List<DormancyRule> rules = rulesHolding(c, h);
				if (rules.isEmpty()) {
					continue;
				}
				dormant++;
				List<String> labels = rules.stream().map(DormancyRule::label).toList();
				String department = cfg.user(c.ownerId()).map((u) -> u.department()).orElse(c.department());
				Dormant existing = mongo.findById(c.id(), Dormant.class);
				Instant since = (existing != null) ? existing.since() : started;
				mongo.save(new Dormant(c.id(), c.name(), c.ownerId(), department, labels, since, started));
				String key = "care:" + c.id() + ":" + month;
				if (tasks.bySourceKey(key).isEmpty()) {
					tasks.create(new TaskService.NewTask(c.id(), c.ownerId(),
							templates.reply(
									cfg.user(c.ownerId())
										.map((u) -> u.localeOrDefault())
										.orElse(TemplateService.DEFAULT_LOCALE),
									"care-task-title",
									Map.of("customer", c.name(), "labels", String.join("、", labels))),
							started.plus(Duration.ofDays(cfg.workflow().care().taskDueDays())), Task.Priority.NORMAL,
							"system", "care", key));
					tasksCreated++;
				}
			}
		}
		long woke = mongo.remove(Query.query(Criteria.where("evaluatedAt").lt(started)), Dormant.class)
			.getDeletedCount();
		log.info("care: {} dormant customers, {} rescored, {} care tasks, {} no longer dormant", dormant, rescored,
				tasksCreated, woke);
		return new Result(dormant, rescored, tasksCreated, woke);
	}

	/** The dormant customers the actor may see. */
	public List<Dormant> visibleTo(Actor actor, int limit) {
		List<Dormant> out = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		Query q = new Query().with(Sort.by("since")).limit(5000);
		List<Dormant> all = mongo.find(q, Dormant.class);
		List<String> ids = all.stream().map(Dormant::id).toList();
		Query vq = Query.query(new Criteria().andOperator(access.visibleTo(actor), Criteria.where("_id").in(ids)));
		vq.fields().include("_id");
		mongo.find(vq, org.bson.Document.class, Customer.COLLECTION).forEach((d) -> seen.add(d.get("_id").toString()));
		for (Dormant d : all) {
			if (seen.contains(d.id()) && out.size() < limit) {
				out.add(d);
			}
		}
		return out;
	}

	public long countVisible(Actor actor) {
		return visibleTo(actor, Integer.MAX_VALUE).size();
	}

	/** Whether a customer is currently listed as dormant. */
	public boolean isDormant(String customerId) {
		return mongo.findById(customerId, Dormant.class) != null;
	}

	/** Wins and deals per customer. */
	public record History(Map<String, Instant> lastWin, Map<String, Integer> wins, Map<String, Integer> deals) {
	}

	/** What a nightly evaluation did. */
	public record Result(int dormant, int rescored, int tasksCreated, long noLongerDormant) {
	}

	/**
	 * A dormant customer.
	 *
	 * @param id the customer id
	 * @param name the customer's name
	 * @param ownerId owner
	 * @param department owner's department
	 * @param reasons the labels of the rules that hold
	 * @param since first found dormant
	 * @param evaluatedAt last evaluation that found it dormant
	 */
	@Document(Dormant.COLLECTION)
	public record Dormant(@Id String id, String name, String ownerId, String department, List<String> reasons,
			Instant since, Instant evaluatedAt) {

		public static final String COLLECTION = "dormant";

	}

}
