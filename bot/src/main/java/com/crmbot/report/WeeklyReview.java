package com.crmbot.report;

import com.crmbot.schedule.Crons;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.crmbot.chat.Actor;
import com.crmbot.approval.ApprovalService;
import com.crmbot.approval.Deal;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.Reply;
import com.crmbot.followup.FollowUp;
import com.crmbot.notification.Notifier;
import com.crmbot.pipeline.StageChange;
import com.crmbot.schedule.ScheduledWork;
import com.crmbot.scoring.ScoringService;
import com.crmbot.task.Task;
import com.crmbot.template.TemplateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The weekly review ({@code review.weeklyCron} in workflow.yaml, default Monday 09:00):
 * each rep gets their week (follow-ups, stage moves, deals, overdue tasks, pool entries,
 * conversion against the previous week); each supervisor gets the team digest with the
 * funnel chart, also pushed to the department's group robots. Checked on every workflow
 * tick; a run is claimed in the store keyed by the week ({@code weekly_reviews},
 * {@code _id = 2026-W49}), with a lease a crashed instance's claim expires from, and
 * every push has the outbox key {@code weekly:<week>:<user>}: once per week across
 * instances and restarts.
 */
@Component
class WeeklyReview implements ScheduledWork {

	private static final Logger log = LoggerFactory.getLogger(WeeklyReview.class);

	private static final Duration LEASE = Duration.ofMinutes(30);

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final Notifier notifier;

	private final Reports reports;

	private final TemplateService templates;

	private final Clock clock;

	private final String instance = UUID.randomUUID().toString();

	WeeklyReview(MongoTemplate mongo, ConfigService config, Notifier notifier, Reports reports,
			TemplateService templates, Clock clock) {
		this.mongo = mongo;
		this.config = config;
		this.notifier = notifier;
		this.reports = reports;
		this.templates = templates;
		this.clock = clock;
	}

	@Override
	public void runDue() {
		AdminConfig cfg = config.get();
		ZoneId zone = cfg.workflow().zone();
		Instant now = clock.instant();
		var review = cfg.workflow().review();
		Optional<Instant> fire = Crons.latestFire(review.weeklyCron(), zone,
				now.minus(Duration.ofHours(review.catchUpHours())).minusSeconds(1), now);
		if (fire.isEmpty()) {
			return;
		}
		LocalDate day = LocalDate.ofInstant(fire.get(), zone);
		String week = weekId(day);
		if (!claim(week, now)) {
			return;
		}
		Instant to = day.atStartOfDay(zone).toInstant();
		Instant from = day.minusDays(7).atStartOfDay(zone).toInstant();
		Instant before = day.minusDays(14).atStartOfDay(zone).toInstant();
		int pushed = send(cfg, week, day.minusDays(7), before, from, to, now);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(week).and("owner").is(instance)),
				new Update().set("done", true).set("finishedAt", clock.instant()).set("pushed", pushed), Run.class);
		log.info("weekly review {}: {} pushes queued", week, pushed);
	}

	/** The ISO week of the review day's previous week, e.g. {@code 2026-W48}. */
	static String weekId(LocalDate reviewDay) {
		LocalDate d = reviewDay.minusDays(7);
		return d.get(IsoFields.WEEK_BASED_YEAR) + "-W"
				+ String.format("%02d", d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	private boolean claim(String week, Instant now) {
		Run existing = mongo.findById(week, Run.class);
		if (existing != null && existing.done()) {
			return false;
		}
		try {
			mongo.insert(new Run(week, instance, now.plus(LEASE), false, now, null, 0));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return mongo.findAndModify(
					Query.query(Criteria.where("_id").is(week).and("done").is(false).and("leaseUntil").lt(now)),
					new Update().set("owner", instance).set("leaseUntil", now.plus(LEASE)),
					FindAndModifyOptions.options().returnNew(true), Run.class) != null;
		}
	}

	private int send(AdminConfig cfg, String week, LocalDate weekStart, Instant before, Instant from, Instant to,
			Instant now) {
		int pushed = 0;
		String won = cfg.customers().funnel().won();
		String lost = cfg.customers().funnel().lost();
		for (User u : cfg.org().users()) {
			if (cfg.roleOf(u).visibility() != OrgConfig.Visibility.OWN) {
				continue;
			}
			Week w = week(u.id(), from, to, now, won, lost);
			Week p = week(u.id(), before, from, now, won, lost);
			String locale = u.localeOrDefault();
			String text = templates.reply(locale, "review-rep",
					Map.ofEntries(Map.entry("name", u.name()), Map.entry("week", week),
							Map.entry("from", weekStart.toString()), Map.entry("to", weekStart.plusDays(6).toString()),
							Map.entry("followUps", w.followUps), Map.entry("followUpsBefore", p.followUps),
							Map.entry("moves", w.moves), Map.entry("movesBefore", p.moves), Map.entry("won", w.won),
							Map.entry("wonBefore", p.won), Map.entry("lost", w.lost), Map.entry("deals", w.deals),
							Map.entry("amount", ApprovalService.money(w.amount)), Map.entry("overdue", w.overdue),
							Map.entry("pool", w.pool), Map.entry("conversion", conversion(locale, w)),
							Map.entry("conversionBefore", conversion(locale, p)),
							Map.entry("trend", trend(locale, w, p))));
			if (notifier.notify(u, Reply.text(text), "weekly:" + week + ":" + u.id())) {
				pushed++;
			}
		}
		for (OrgConfig.Department d : cfg.org().departments()) {
			Optional<User> sup = (d.supervisor() != null) ? cfg.user(d.supervisor()) : Optional.empty();
			if (sup.isEmpty()) {
				continue;
			}
			pushed += digest(cfg, d, sup.get(), week, weekStart, before, from, to, now, won, lost);
		}
		return pushed;
	}

	private int digest(AdminConfig cfg, OrgConfig.Department d, User supervisor, String week, LocalDate weekStart,
			Instant before, Instant from, Instant to, Instant now, String won, String lost) {
		String locale = supervisor.localeOrDefault();
		StringBuilder lines = new StringBuilder();
		Week total = new Week();
		Week totalBefore = new Week();
		for (User u : cfg.org().users()) {
			if (!d.id().equals(u.department()) || u.id().equals(supervisor.id())) {
				continue;
			}
			Week w = week(u.id(), from, to, now, won, lost);
			Week p = week(u.id(), before, from, now, won, lost);
			total.add(w);
			totalBefore.add(p);
			lines.append(templates.reply(locale, "review-team-line",
					Map.of("name", u.name(), "followUps", w.followUps, "moves", w.moves, "won", w.won, "amount",
							ApprovalService.money(w.amount), "overdue", w.overdue, "pool", w.pool, "trend",
							trend(locale, w, p))))
				.append('\n');
		}
		Actor actor = new Actor(supervisor, cfg.roleOf(supervisor));
		ReportFilter all = new ReportFilter(supervisor.id(), ReportFilter.Range.ALL, null, null, d.id(), null, null,
				null, null);
		Reports.Result funnel = reports.run(Reports.Kind.FUNNEL, actor, all);
		String text = templates.reply(locale, "review-team", Map.ofEntries(Map.entry("department", d.name()),
				Map.entry("week", week), Map.entry("from", weekStart.toString()),
				Map.entry("to", weekStart.plusDays(6).toString()),
				Map.entry("lines", lines.isEmpty() ? "—" : lines.toString().strip()),
				Map.entry("followUps", total.followUps), Map.entry("followUpsBefore", totalBefore.followUps),
				Map.entry("moves", total.moves), Map.entry("won", total.won), Map.entry("wonBefore", totalBefore.won),
				Map.entry("amount", ApprovalService.money(total.amount)), Map.entry("overdue", total.overdue),
				Map.entry("pool", total.pool), Map.entry("conversion", conversion(locale, total)),
				Map.entry("conversionBefore", conversion(locale, totalBefore)), Map.entry("funnel", funnel.text())));
		Reply reply = new Reply(text, Reply.Format.TEXT, null, List.of(), funnel.chartPath());
		int pushed = 0;
		if (notifier.notify(supervisor, reply, "weekly:" + week + ":" + supervisor.id())) {
			pushed++;
		}
		pushed += notifier.notifyDepartment(d.id(), reply, "weekly:" + week + ":dept:" + d.id());
		return pushed;
	}

	private Week week(String userId, Instant from, Instant to, Instant now, String won, String lost) {
		Week w = new Week();
		w.followUps = mongo.count(Query.query(Criteria.where("authorId").is(userId).and("at").gte(from).lt(to)),
				FollowUp.class);
		Criteria mine = new Criteria().orOperator(Criteria.where("ownerId").is(userId),
				Criteria.where("ownerId").exists(false).and("actorId").is(userId));
		List<StageChange> moves = mongo.find(
				Query.query(new Criteria().andOperator(mine, Criteria.where("at").gte(from).lt(to))),
				StageChange.class);
		w.moves = moves.size();
		w.won = moves.stream().filter((m) -> won.equals(m.to())).map(StageChange::customerId).distinct().count();
		w.lost = moves.stream().filter((m) -> lost.equals(m.to())).map(StageChange::customerId).distinct().count();
		List<Deal> deals = mongo.find(Query.query(Criteria.where("ownerId")
			.is(userId)
			.and("createdAt")
			.gte(from)
			.lt(to)
			.and("status")
			.ne(Deal.Status.REJECTED)), Deal.class);
		w.deals = deals.size();
		w.amount = deals.stream().mapToLong(Deal::amount).sum();
		w.overdue = mongo.count(
				Query.query(
						Criteria.where("ownerId").is(userId).and("status").is(Task.Status.OPEN).and("dueAt").lt(now)),
				Task.class);
		w.pool = mongo.count(Query.query(Criteria.where("ownerId").is(userId).and("at").gte(from).lt(to)),
				ScoringService.POOL_ENTRIES);
		return w;
	}

	private String conversion(String locale, Week w) {
		return (w.won + w.lost == 0) ? templates.reply(locale, "review-conversion-none", Map.of())
				: templates.reply(locale, "review-conversion", Map.of("percent",
						Reports.pct(100.0 * w.won / (w.won + w.lost)), "won", w.won, "closed", w.won + w.lost));
	}

	private String trend(String locale, Week w, Week p) {
		long diff = w.followUps - p.followUps;
		return templates.reply(locale,
				(diff > 0) ? "review-trend-up" : (diff < 0) ? "review-trend-down" : "review-trend-same",
				Map.of("diff", Math.abs(diff)));
	}

	/** One person's (or a team's) week. */
	private static final class Week {

		long followUps;

		long moves;

		long won;

		long lost;

		long deals;

		long amount;

		long overdue;

		long pool;

		void add(Week o) {
			followUps += o.followUps;
			moves += o.moves;
			won += o.won;
			lost += o.lost;
			deals += o.deals;
			amount += o.amount;
			overdue += o.overdue;
			pool += o.pool;
		}

	}

	/**
	 * A week's run.
	 *
	 * @param id the week ({@code 2026-W48})
	 * @param owner the instance holding it
	 * @param leaseUntil the claim expires then
	 * @param done finished
	 * @param startedAt claimed
	 * @param finishedAt finished
	 * @param pushed pushes queued
	 */
	@Document(Run.COLLECTION)
	record Run(@Id String id, String owner, Instant leaseUntil, boolean done, Instant startedAt, Instant finishedAt,
			int pushed) {

		static final String COLLECTION = "weekly_reviews";

	}

}
