package com.crmbot.care;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig;
import com.crmbot.config.WorkflowConfig;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.mail.MailFields;
import com.crmbot.mail.MailMessage;
import com.crmbot.mail.MailQueue;
import com.crmbot.mail.MailTemplates;
import com.crmbot.mail.OptOuts;
import com.crmbot.mail.UnsubscribeTokens;
import com.crmbot.notification.Notifier;
import com.crmbot.template.TemplateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The monthly care campaign: every dormant customer with an address and no opt-out gets
 * one care e-mail in their owner's name with a unique coupon, through the durable mail
 * queue. The mail's key is {@code care:<month>:<customer>}, so whichever instance queues
 * it, and however often the campaign is resumed after a restart, a customer gets one care
 * mail a month. When every mail of the month is finished, each department supervisor gets
 * a summary (sent, skipped and why, failed) once.
 */
@Service
public class CareCampaign {

	private static final Logger log = LoggerFactory.getLogger(CareCampaign.class);

	static final Duration LEASE = Duration.ofMinutes(10);

	private static final int BATCH = 200;

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final DormancyService dormancy;

	private final Coupons coupons;

	private final MailQueue queue;

	private final MailTemplates templates;

	private final MailFields fields;

	private final OptOuts optOuts;

	private final UnsubscribeTokens unsubscribe;

	private final Notifier notifier;

	private final TemplateService replies;

	private final JobRuns runs;

	private final Clock clock;

	CareCampaign(MongoTemplate mongo, ConfigService config, DormancyService dormancy, Coupons coupons, MailQueue queue,
			MailTemplates templates, MailFields fields, OptOuts optOuts, UnsubscribeTokens unsubscribe,
			Notifier notifier, TemplateService replies, JobRuns runs, Clock clock) {
		this.mongo = mongo;
		this.config = config;
		this.dormancy = dormancy;
		this.coupons = coupons;
		this.queue = queue;
		this.templates = templates;
		this.fields = fields;
		this.optOuts = optOuts;
		this.unsubscribe = unsubscribe;
		this.notifier = notifier;
		this.replies = replies;
		this.runs = runs;
		this.clock = clock;
	}

	static String runId(YearMonth month) {
		return "campaign:" + month;
	}

	/**
	 * Queue the month's care mails (or finish queueing them after a crash). Returns how
	 * many mails were newly queued, or -1 when another instance is on it, it is done, or
	 * mail is not set up.
	 */
	public int run(YearMonth month) {
		if (!queue.configured()) {
			log.warn("care: campaign {} not run: mail is not set up", month);
			return -1;
		}
		String id = runId(month);
		if (!runs.claim(id, LEASE)) {
			return -1;
		}
		AdminConfig cfg = config.get();
		WorkflowConfig.Care care = cfg.workflow().care();
		DormancyService.History h = dormancy.history();
		String template = care.template();
		if (!templates.exists(template)) {
			log.warn("care: campaign template {} does not exist", template);
			return -1;
		}
		DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd");
		List<MailMessage> batch = new ArrayList<>();
		int queued = 0;
		int seen = 0;
		try (var stream = mongo.stream(new Query(), Customer.class)) {
			for (Customer c : (Iterable<Customer>) stream::iterator) {
				if (dormancy.rulesHolding(c, h).isEmpty()) {
					continue;
				}
				String key = "care:" + month + ":" + c.id();
				String department = cfg.user(c.ownerId()).map(OrgConfig.User::department).orElse(c.department());
				Object email = c.fields().get("email");
				if (email == null) {
					skip(key, month, c, department, "no-address");
					continue;
				}
				if (optOuts.isOptedOut(email.toString())) {
					skip(key, month, c, department, "opted-out");
					continue;
				}
				Coupon coupon = coupons.issue(key, c, Duration.ofDays(care.couponValidDays()));
				Map<String, Object> vars = fields.of(c);
				vars.put("coupon", coupon.id());
				vars.put("couponExpiry", LocalDate.ofInstant(coupon.expiresAt(), cfg.workflow().zone()).format(day));
				String url = unsubscribe.url(email.toString());
				vars.put("unsubscribeUrl", url);
				MailTemplates.Rendered m = templates.render(template, vars);
				if (!m.complete()) {
					skip(key, month, c, department, "missing:" + String.join(",", m.missing()));
					continue;
				}
				String fromName = cfg.user(c.ownerId()).map(OrgConfig.User::name).orElse(null);
				batch.add(MailMessage.pending(key, MailMessage.Kind.CARE, month.toString(), c.id(), c.ownerId(),
						department, null, email.toString(), fromName, m.subject(), m.html(), m.text(), url, coupon.id(),
						clock.instant()));
				if (batch.size() >= BATCH) {
					queued += queue.enqueueAll(batch);
					batch.clear();
					runs.extend(id, LEASE);
				}
				seen++;
			}
		}
		queued += queue.enqueueAll(batch);
		runs.finish(id);
		log.info("care: campaign {} queued {} new mails ({} to dormant customers with an address)", month, queued,
				seen);
		return queued;
	}

	private void skip(String key, YearMonth month, Customer c, String department, String reason) {
		mongo.save(new Skip(key, month.toString(), c.id(), c.name(), department, reason));
	}

	/**
	 * Once the month's queueing is done and every mail finished: tell each supervisor
	 * (once) what happened in their department. Returns whether summaries were sent now.
	 */
	public boolean summarize(YearMonth month) {
		String summary = "campaign-summary:" + month;
		if (!runs.done(runId(month)) || runs.done(summary) || queue.unfinished(month.toString()) > 0) {
			return false;
		}
		if (!runs.claim(summary, LEASE)) {
			return false;
		}
		AdminConfig cfg = config.get();
		Map<String, Tally> byDept = new TreeMap<>();
		for (MailMessage m : queue.ofCampaign(month.toString())) {
			Tally t = byDept.computeIfAbsent(String.valueOf(m.department()), (k) -> new Tally());
			switch (m.status()) {
				case SENT -> t.sent++;
				case SKIPPED -> t.skipped.merge(String.valueOf(m.lastError()), 1, Integer::sum);
				default -> {
					t.failed++;
					if (t.failures.size() < 10) {
						t.failures.add(customerName(m.customerId()) + " <" + m.to() + ">: " + m.lastError());
					}
				}
			}
		}
		for (Skip s : mongo.find(Query.query(Criteria.where("month").is(month.toString())), Skip.class)) {
			String reason = s.reason().startsWith("missing:") ? "missing" : s.reason();
			byDept.computeIfAbsent(String.valueOf(s.department()), (k) -> new Tally()).skipped.merge(reason, 1,
					Integer::sum);
		}
		for (var e : byDept.entrySet()) {
			cfg.department(e.getKey())
				.flatMap((d) -> cfg.user(d.supervisor()))
				.ifPresent((sup) -> notifier.notify(sup,
						Reply.text(summaryText(sup, cfg, e.getKey(), month, e.getValue())),
						"care-summary:" + month + ":" + e.getKey()));
		}
		runs.finish(summary);
		log.info("care: campaign {} summarized for {} departments", month, byDept.size());
		return true;
	}

	private String summaryText(OrgConfig.User sup, AdminConfig cfg, String deptId, YearMonth month, Tally t) {
		String locale = sup.localeOrDefault();
		List<String> reasons = new ArrayList<>();
		for (var r : new TreeMap<>(t.skipped).entrySet()) {
			reasons.add(replies.reply(locale, "care-skip-" + reasonKey(r.getKey()), Map.of()) + " " + r.getValue());
		}
		int skipped = t.skipped.values().stream().mapToInt(Integer::intValue).sum();
		Map<String, Object> vars = new LinkedHashMap<>();
		vars.put("month", month.toString());
		vars.put("department", cfg.department(deptId).map(OrgConfig.Department::name).orElse(deptId));
		vars.put("sent", t.sent);
		vars.put("skipped", skipped);
		vars.put("reasons", reasons.isEmpty() ? "—" : String.join("；", reasons));
		vars.put("failed", t.failed);
		vars.put("failures", t.failures.isEmpty() ? "" : "\n• " + String.join("\n• ", t.failures));
		return replies.reply(locale, "care-summary", vars);
	}

	private static String reasonKey(String reason) {
		return switch (reason) {
			case "no-address", "opted-out", "missing" -> reason;
			default -> "other";
		};
	}

	private String customerName(String id) {
		Customer c = (id != null) ? mongo.findById(id, Customer.class) : null;
		return (c != null) ? c.name() : "—";
	}

	/** Per-department counts. */
	private static final class Tally {

		int sent;

		int failed;

		final Map<String, Integer> skipped = new HashMap<>();

		final List<String> failures = new ArrayList<>();

	}

	/**
	 * A dormant customer the campaign did not mail, and why.
	 *
	 * @param id the mail key it would have had
	 * @param month campaign month
	 * @param customerId customer
	 * @param customerName its name
	 * @param department owner's department
	 * @param reason no-address, opted-out, missing:&lt;placeholders&gt;
	 */
	@Document(Skip.COLLECTION)
	public record Skip(@Id String id, String month, String customerId, String customerName, String department,
			String reason) {

		public static final String COLLECTION = "care_skips";

	}

}
