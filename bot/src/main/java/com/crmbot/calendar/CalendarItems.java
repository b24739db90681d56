package com.crmbot.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.crmbot.approval.Approval;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.customer.Customer;
import com.crmbot.task.Task;
import com.crmbot.task.TaskService;
import com.crmbot.template.TemplateService;
import com.crmbot.text.Lexicon;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What belongs in a user's feed right now: their open tasks (visits — tasks about a visit
 * or meeting — last an hour), follow-up deadlines of their customers, and the approvals
 * waiting for them. Texts are in the user's language.
 */
@Component
class CalendarItems {

	/** Task titles that make a task a visit. */
	@Lexicon("task titles meaning a visit")
	static final Pattern VISIT = Pattern.compile("拜访|上门|面谈|见面|会面|visit|meeting|on-?site", Pattern.CASE_INSENSITIVE);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final TemplateService templates;

	private final CalendarProperties props;

	private final Clock clock;

	CalendarItems(MongoTemplate mongo, ConfigService config, TemplateService templates, CalendarProperties props,
			Clock clock) {
		this.mongo = mongo;
		this.config = config;
		this.templates = templates;
		this.props = props;
		this.clock = clock;
	}

	List<FeedItem> of(User user) {
		AdminConfig cfg = config.get();
		ZoneId zone = cfg.workflow().zone();
		String locale = user.localeOrDefault();
		Instant now = clock.instant();
		List<FeedItem> out = new ArrayList<>();

		List<Task> tasks = mongo.find(Query
			.query(Criteria.where("ownerId").is(user.id()).and("status").is(Task.Status.OPEN).and("dueAt").ne(null))
			.with(Sort.by("dueAt")), Task.class);
		Set<String> customerIds = new HashSet<>();
		tasks.forEach((t) -> {
			if (t.customerId() != null) {
				customerIds.add(t.customerId());
			}
		});
		Map<String, Customer> customers = customerIds.isEmpty() ? Map.of()
				: mongo.find(Query.query(Criteria.where("_id").in(customerIds)), Customer.class)
					.stream()
					.collect(Collectors.toMap(Customer::id, Function.identity()));
		for (Task t : tasks) {
			Customer c = customers.get(t.customerId());
			String customer = (c != null) ? c.name() : "—";
			boolean visit = VISIT.matcher(t.title()).find();
			boolean urgent = t.priority() == Task.Priority.URGENT;
			String summary = templates.reply(locale, visit ? "calendar-visit" : "calendar-task",
					Map.of("title", t.title(), "customer", customer));
			String description = templates.reply(locale, "calendar-task-description",
					Map.of("customer", customer, "priority",
							templates.reply(locale, "priority-" + t.priority().name().toLowerCase(), Map.of()), "task",
							TaskService.shortId(t.id()), "contact", contactOf(c)));
			out.add(new FeedItem("task-" + t.id() + "@crm-bot", visit ? FeedItem.Kind.VISIT : FeedItem.Kind.TASK,
					summary, description, t.dueAt(),
					t.dueAt().plus(visit ? Duration.ofHours(1) : Duration.ofMinutes(30)), urgent));
		}

		int days = props.followUpDays();
		Instant oldest = now.minus(Duration.ofDays(days + (long) props.keepCancelledDays()));
		List<Customer> mine = mongo.find(
				Query
					.query(Criteria.where("ownerId")
						.is(user.id())
						.and("lastContactAt")
						.gte(oldest)
						.and("stage")
						.nin(props.closedStages()))
					.limit(props.maxItems()),
				Customer.class);
		for (Customer c : mine) {
			LocalDate last = c.lastContactAt().atZone(zone).toLocalDate();
			Instant start = last.plusDays(days).atTime(LocalTime.of(9, 0)).atZone(zone).toInstant();
			out.add(new FeedItem("followup-" + c.id() + "@crm-bot", FeedItem.Kind.FOLLOW_UP,
					templates.reply(locale, "calendar-followup",
							Map.of("customer", c.name(), "last", DAY.format(last), "days", days)),
					templates.reply(locale, "calendar-followup-description",
							Map.of("customer", c.name(), "last", DAY.format(last), "contact", contactOf(c))),
					start, start.plus(Duration.ofMinutes(30)), false));
		}

		Duration remind = cfg.workflow().approvals().remindEvery();
		for (Approval a : mongo.find(
				Query.query(Criteria.where("status").is(Approval.Status.PENDING).and("approvers").is(user.id())),
				Approval.class)) {
			if (!user.id().equals(a.currentApprover())) {
				continue;
			}
			Instant since = (a.stepStartedAt() != null) ? a.stepStartedAt() : a.createdAt();
			Instant start = since.plus(remind);
			out.add(new FeedItem("approval-" + a.id() + "@crm-bot", FeedItem.Kind.APPROVAL,
					templates.reply(locale, "calendar-approval",
							Map.of("approval", a.id(), "customer", String.valueOf(a.customerName()), "amount",
									a.amount())),
					templates.reply(locale, "calendar-approval-description", Map.of("approval", a.id())), start,
					start.plus(Duration.ofMinutes(30)), false));
		}
		// the feed keeps the items nearest to now when there are too many
		out.sort(Comparator.comparing((FeedItem i) -> Duration.between(now, i.start()).abs()));
		return (out.size() > props.maxItems()) ? out.subList(0, props.maxItems()) : out;
	}

	private static String contactOf(Customer c) {
		if (c == null) {
			return "—";
		}
		String contact = (c.contact() != null) ? c.contact() : "";
		String phone = (c.phone() != null) ? c.phone() : "";
		String s = (contact + " " + phone).strip();
		return s.isEmpty() ? "—" : s;
	}

}
