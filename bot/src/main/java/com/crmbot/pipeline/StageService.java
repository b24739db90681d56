package com.crmbot.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.notification.Notifier;
import com.crmbot.task.Task;
import com.crmbot.task.TaskService;
import com.crmbot.template.TemplateService;
import org.bson.types.ObjectId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Moves customers through the configured pipeline stages, records each change, and runs
 * the entered stage's triggers: a task for the owner, "/" templates sent to the owner
 * filled with the customer's fields, a legal review task for the configured reviewer.
 * Each trigger is idempotent per stage change (task source keys, outbox keys).
 */
@Service
public class StageService {

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final TaskService tasks;

	private final Notifier notifier;

	private final TemplateService templates;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LegalReviews legal;

	StageService(MongoTemplate mongo, ConfigService config, TaskService tasks, Notifier notifier,
			TemplateService templates, ApplicationEventPublisher events, Clock clock, LegalReviews legal) {
		this.legal = legal;
		this.mongo = mongo;
		this.config = config;
		this.tasks = tasks;
		this.notifier = notifier;
		this.templates = templates;
		this.events = events;
		this.clock = clock;
		mongo.indexOps(StageChange.class)
			.createIndex(new Index().on("customerId", Sort.Direction.ASC)
				.on("at", Sort.Direction.ASC)
				.named("customer_time"));
	}

	/** The configured stage matching an id or label. */
	public Optional<CustomerConfig.Stage> stage(String idOrLabel) {
		return config.get()
			.customers()
			.stages()
			.stream()
			.filter((s) -> s.id().equalsIgnoreCase(idOrLabel) || idOrLabel.equals(s.label()))
			.findFirst();
	}

	public List<StageChange> history(String customerId) {
		return mongo.find(Query.query(Criteria.where("customerId").is(customerId)).with(Sort.by("at")),
				StageChange.class);
	}

	/**
	 * Move a customer to a stage. The update only applies if the customer is still in the
	 * stage we read (a concurrent change makes this one fail with {@code conflict}).
	 * @param fields the placeholders of the (updated) customer, for send_templates
	 * triggers
	 */
	public Outcome move(Actor actor, Customer c, CustomerConfig.Stage to, Long dealAmount,
			java.util.function.Function<Customer, Map<String, Object>> fields) {
		return move(actor, c, to, dealAmount, null, fields);
	}

	/**
	 * Move a customer to a stage, recording why (a lost reason) in the stage history and
	 * on the customer ({@code lostReason}).
	 * @param reason why, or null
	 */
	public Outcome move(Actor actor, Customer c, CustomerConfig.Stage to, Long dealAmount, String reason,
			java.util.function.Function<Customer, Map<String, Object>> fields) {
		if (to.id().equals(c.stage())) {
			if (dealAmount != null) {
				mongo.updateFirst(Query.query(Criteria.where("_id").is(c.id())),
						new Update().set("dealAmount", dealAmount).inc("version", 1), Customer.class);
			}
			return new Outcome(false, false, c.stage(), List.of(), List.of());
		}
		Update u = new Update().set("stage", to.id()).inc("version", 1);
		if (dealAmount != null) {
			u.set("dealAmount", dealAmount);
		}
		if (reason != null) {
			u.set("lostReason", reason);
		}
		else {
			u.unset("lostReason");
		}
		Criteria same = (c.stage() == null) ? Criteria.where("stage").isNull() : Criteria.where("stage").is(c.stage());
		Customer updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(c.id()).andOperator(same)), u,
				FindAndModifyOptions.options().returnNew(true), Customer.class);
		if (updated == null) {
			return new Outcome(false, true, c.stage(), List.of(), List.of());
		}
		java.time.Instant now = clock.instant();
		StageChange last = mongo.findOne(
				Query.query(Criteria.where("customerId").is(c.id())).with(Sort.by(Sort.Direction.DESC, "at")),
				StageChange.class);
		java.time.Instant entered = (last != null) ? last.at() : c.createdAt();
		Double daysInFrom = (entered != null && c.stage() != null) ? Duration.between(entered, now).toMinutes() / 1440.0
				: null;
		StageChange change = mongo.insert(new StageChange(new ObjectId().toHexString(), c.id(), c.stage(), to.id(),
				actor.id(), now, dealAmount, updated.ownerId(), updated.department(), daysInFrom, reason));
		List<Task> created = new ArrayList<>();
		List<Reply> sent = new ArrayList<>();
		runTriggers(actor, updated, to, change, fields.apply(updated), created, sent);
		events.publishEvent(new StageChanged(c.id(), c.stage(), to.id(), actor.id()));
		return new Outcome(true, false, c.stage(), created, sent);
	}

	private void runTriggers(Actor actor, Customer c, CustomerConfig.Stage stage, StageChange change,
			Map<String, Object> fields, List<Task> created, List<Reply> sent) {
		List<CustomerConfig.Trigger> triggers = stage.onEnter();
		for (int i = 0; i < triggers.size(); i++) {
			CustomerConfig.Trigger t = triggers.get(i);
			String key = "stage:" + change.id() + ":" + i;
			java.time.Instant due = clock.instant().plus(Duration.ofDays((t.dueDays() != null) ? t.dueDays() : 1));
			switch (t.type()) {
				case "task" -> {
					String owner = (t.assignee() != null) ? t.assignee() : c.ownerId();
					created.add(tasks.create(new TaskService.NewTask(c.id(), owner, t.title(), due,
							Task.Priority.NORMAL, actor.id(), "stage-trigger", key)));
					notifyAssignee(owner, actor, "stage-task-assigned", c, t.title(), key);
				}
				case "legal_review" -> {
					String reviewer = (t.assignee() != null) ? t.assignee() : c.ownerId();
					String title = templates.reply(actor.locale(), "legal-review-task",
							Map.of("title",
									(t.title() != null) ? t.title()
											: templates.reply(actor.locale(), "legal-review-default-title", Map.of()),
									"customer", c.name()));
					Task review = tasks.create(new TaskService.NewTask(c.id(), reviewer, title, due, Task.Priority.HIGH,
							actor.id(), "legal-review", key));
					created.add(review);
					legal.open(review, c, actor.id(), t.gate());
					notifyAssignee(reviewer, actor, "legal-review-assigned", c, title, key);
				}
				case "send_templates" -> {
					for (String name : t.templates()) {
						if (!templates.slashTemplateExists(name)) {
							continue;
						}
						TemplateService.Rendered r = templates.slash(name, fields);
						Reply reply = Reply.text(r.text());
						sent.add(reply);
						if (!r.missing().isEmpty()) {
							String owner = config.get().user(c.ownerId()).map(User::localeOrDefault).orElse("zh-CN");
							sent.add(Reply.text(templates.reply(owner, "tpl-missing",
									Map.of("template", name, "fields", String.join(", ", r.missing())))));
						}
						if (!c.ownerId().equals(actor.id())) {
							config.get()
								.user(c.ownerId())
								.ifPresent((u) -> notifier.notify(u, reply, key + ":" + name));
						}
					}
				}
				default -> {
				}
			}
		}
	}

	private void notifyAssignee(String userId, Actor actor, String template, Customer c, String title, String key) {
		if (userId.equals(actor.id())) {
			return;
		}
		config.get()
			.user(userId)
			.ifPresent(
					(u) -> notifier
						.notify(u,
								Reply.text(templates.reply(u.localeOrDefault(), template,
										Map.of("customer", c.name(), "title", title, "by", actor.user().name()))),
								key));
	}

	/**
	 * What a move did.
	 *
	 * @param changed whether the stage changed
	 * @param conflict whether someone changed it meanwhile
	 * @param from previous stage
	 * @param tasks tasks created by triggers
	 * @param templates rendered templates (sent to the owner)
	 */
	public record Outcome(boolean changed, boolean conflict, String from, List<Task> tasks, List<Reply> templates) {
	}

}
