package com.crmbot.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.calendar.CalendarProperties;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.CallsConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;
import com.crmbot.followup.FollowUp;
import com.crmbot.followup.FollowUpService;
import com.crmbot.notification.Notifier;
import com.crmbot.task.Task;
import com.crmbot.task.TaskService;
import com.crmbot.template.TemplateService;
import com.crmbot.text.Phones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Turns call records into CRM records. An ended call is matched to a customer by its
 * normalized phone and filed as a 通话 follow-up with its duration and a recording link
 * served by crm-bot; an unknown number becomes a lead owned by the agent; a missed
 * inbound call becomes a call-back task. A ringing call pushes the agent a card with the
 * customer's summary and last follow-ups. A customer the agent may not see is still filed
 * (the call happened) but the agent learns nothing about it: the owner is told.
 */
@Service
class CallService {

	private static final Logger log = LoggerFactory.getLogger(CallService.class);

	static final String PLATFORM = "callcenter";

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final CustomerService customers;

	private final FollowUpService followUps;

	private final TaskService tasks;

	private final AccessPolicy access;

	private final Notifier notifier;

	private final TemplateService templates;

	private final CalendarProperties web;

	private final Clock clock;

	CallService(MongoTemplate mongo, ConfigService config, CustomerService customers, FollowUpService followUps,
			TaskService tasks, AccessPolicy access, Notifier notifier, TemplateService templates,
			CalendarProperties web, Clock clock) {
		this.mongo = mongo;
		this.config = config;
		this.customers = customers;
		this.followUps = followUps;
		this.tasks = tasks;
		this.access = access;
		this.notifier = notifier;
		this.templates = templates;
		this.web = web;
		this.clock = clock;
		mongo.indexOps(Call.class)
			.createIndex(new Index().on("callId", Sort.Direction.ASC)
				.on("event", Sort.Direction.ASC)
				.unique()
				.named("uniq_call_event"));
	}

	/**
	 * Handle a mapped record; throws {@link BadCall} (nothing stored) when it cannot be.
	 */
	Map<String, Object> handle(CallRecord rec) {
		AdminConfig cfg = config.get();
		CallsConfig calls = cfg.calls();
		User agent = agentOf(cfg, calls, rec.agent());
		Actor actor = new Actor(agent, cfg.roleOf(agent));
		String raw = rec.customerNumber();
		String phone = Phones.normalize(raw).orElse(null);
		if (phone == null) {
			String field = calls.vendorField(rec.inbound() ? "caller" : "callee");
			throw new BadCall(422, "field '" + field + "' is not a phone number we can match: '" + raw + "'");
		}
		Call call = new Call(rec.event() + ":" + rec.callId(), rec.callId(), rec.event(), rec, agent.id(), null, null,
				null, false, Call.State.RECEIVED, clock.instant());
		try {
			mongo.insert(call);
		}
		catch (DuplicateKeyException ex) {
			call = mongo.findById(call.id(), Call.class);
			if (call != null && call.state() == Call.State.DONE) {
				log.info("calls: duplicate {} {} ignored", rec.event(), rec.callId());
				return result("duplicate", call);
			}
			// received before but not finished (crash): finish it, every step is
			// idempotent
			call = new Call(call.id(), call.callId(), call.event(), call.record(), call.agentUserId(), null, null, null,
					false, Call.State.RECEIVED, call.receivedAt());
			rec = call.record();
		}
		Call done = rec.ringing() ? ringing(call, rec, actor, phone) : ended(call, rec, actor, phone, calls);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(done.id())),
				new Update().set("state", Call.State.DONE)
					.set("customerId", done.customerId())
					.set("followUpId", done.followUpId())
					.set("callbackTaskId", done.callbackTaskId())
					.set("newLead", done.newLead()),
				Call.class);
		log.info("calls: {} {} agent={} number={} customer={}{}", rec.event(), rec.callId(), agent.id(),
				Phones.mask(phone), done.customerId(), done.newLead() ? " (new lead)" : "");
		return result(rec.ringing() ? "pushed" : "filed", done);
	}

	private Call ended(Call call, CallRecord rec, Actor actor, String phone, CallsConfig calls) {
		User agent = actor.user();
		Optional<Customer> found = customers.byPhone(phone);
		boolean newLead = false;
		Customer customer;
		if (found.isPresent()) {
			customer = found.get();
		}
		else {
			String firstStage = config.get().customers().stages().isEmpty() ? null
					: config.get().customers().stages().get(0).id();
			CustomerService.Created created = customers
				.createOrGet(new CustomerService.NewCustomer(null, List.of(phone), null, null, null, null, null, null,
						null, agent.id(), agent.department(), firstStage, null, "call", null));
			customer = created.customer();
			newLead = created.created() || call.newLead();
		}
		boolean visible = access.canSee(actor, customer);
		String locale = agent.localeOrDefault();
		int seconds = rec.talkSeconds();
		String link = web.publicUrl() + recordingPath(rec.callId());
		boolean missed = rec.missed();
		String text = templates.reply(locale, missed ? "call-followup-missed" : "call-followup", Map.of("direction",
				templates.reply(locale, rec.inbound() ? "call-inbound" : "call-outbound", Map.of()), "duration",
				duration(locale, seconds), "agent", agent.name(), "number", phone, "recording",
				(rec.recordingUrl() != null) ? templates.reply(locale, "call-recording", Map.of("url", link)) : ""));
		Map<String, Object> extracted = new LinkedHashMap<>();
		extracted.put("direction", rec.direction());
		extracted.put("durationSeconds", seconds);
		extracted.put("result", missed ? ((rec.result() != null) ? rec.result() : "missed") : "answered");
		extracted.put("number", phone);
		if (rec.agent() != null) {
			extracted.put("agent", rec.agent());
		}
		FollowUp f = followUps
			.save(new FollowUp(null, customer.id(), FollowUp.Kind.CALL, PLATFORM, rec.callId(), agent.id(),
					text.strip(), extracted, List.of(),
					(rec.recordingUrl() != null) ? recordingPath(rec.callId()) : null, rec.at(clock.instant())))
			.followUp();
		customers.enrich(customer, new CustomerService.NewCustomer(null, List.of(), null, null, null, null, null, null,
				null, null, null, null, null, null, null));
		String taskId = null;
		if (missed && rec.inbound()) {
			// the call-back goes to the agent, or to the owner when the agent may not see
			// the customer
			String owner = visible ? agent.id() : customer.ownerId();
			User ownerUser = config.get().user(owner).orElse(agent);
			Task t = tasks.create(new TaskService.NewTask(customer.id(), ownerUser.id(),
					templates.reply(ownerUser.localeOrDefault(), "call-callback-title",
							Map.of("customer", customer.name(), "number", phone)),
					clock.instant().plus(Duration.ofMinutes(calls.callbackMinutes())), Task.Priority.HIGH, "system",
					"call", "call:" + rec.callId() + ":callback"));
			taskId = t.id();
		}
		if (!visible) {
			config.get()
				.user(customer.ownerId())
				.ifPresent((owner) -> notifier.notify(owner,
						Reply.text(templates.reply(owner.localeOrDefault(), "call-owner-notice",
								Map.of("agent", agent.name(), "customer", customer.name(), "duration",
										duration(owner.localeOrDefault(), seconds), "direction",
										templates.reply(owner.localeOrDefault(),
												rec.inbound() ? "call-inbound" : "call-outbound", Map.of())))),
						"call:" + rec.callId() + ":owner"));
		}
		return new Call(call.id(), call.callId(), call.event(), rec, agent.id(), customer.id(), f.id(), taskId, newLead,
				Call.State.DONE, call.receivedAt());
	}

	private Call ringing(Call call, CallRecord rec, Actor actor, String phone) {
		User agent = actor.user();
		String locale = agent.localeOrDefault();
		Optional<Customer> found = customers.byPhone(phone);
		Reply card;
		if (found.isPresent() && access.canSee(actor, found.get())) {
			Customer c = found.get();
			StringBuilder lines = new StringBuilder();
			for (FollowUp f : followUps.latest(c.id(), 3)) {
				lines.append(templates.reply(locale, "call-ringing-followup", Map.of("at",
						WHEN.format(f.at().atZone(config.get().workflow().zone())), "text", abbreviate(f.text(), 60))))
					.append('\n');
			}
			String owner = config.get().user(c.ownerId()).map(User::name).orElse("—");
			card = new Reply(
					templates.reply(locale, "call-ringing",
							Map.of("customer", c.name(), "number", phone, "contact",
									(c.contact() != null) ? c.contact() : "—", "stage",
									(c.stage() != null) ? c.stage() : "—", "owner", owner, "followups",
									(lines.length() > 0) ? lines.toString().strip()
											: templates.reply(locale, "call-ringing-no-followup", Map.of()))),
					Reply.Format.TEXT, templates.reply(locale, "call-ringing-title", Map.of()),
					List.of(new Reply.Button("call:note:" + rec.callId(),
							templates.reply(locale, "button-call-note", Map.of()), "/log " + c.name() + " ")),
					null);
			call = new Call(call.id(), call.callId(), call.event(), rec, agent.id(), c.id(), null, null, false,
					call.state(), call.receivedAt());
		}
		else {
			String key = found.isPresent() ? "call-ringing-hidden" : "call-ringing-unknown";
			card = new Reply(templates.reply(locale, key, Map.of("number", phone)), Reply.Format.TEXT,
					templates.reply(locale, "call-ringing-title", Map.of()), List.of(), null);
		}
		notifier.notify(agent, card, "call:" + rec.callId() + ":ringing");
		return call;
	}

	private static String abbreviate(String s, int max) {
		if (s == null) {
			return "";
		}
		String one = s.replaceAll("\\s+", " ").strip();
		return (one.length() > max) ? one.substring(0, max) + "…" : one;
	}

	private String duration(String locale, int seconds) {
		return templates.reply(locale, "call-duration", Map.of("minutes", seconds / 60, "seconds", seconds % 60));
	}

	static String recordingPath(String callId) {
		return "/calls/" + java.net.URLEncoder.encode(callId, java.nio.charset.StandardCharsets.UTF_8) + "/recording";
	}

	private static User agentOf(AdminConfig cfg, CallsConfig calls, String agent) {
		String userId = null;
		if (agent != null) {
			userId = calls.agents().get(agent);
			if (userId == null && cfg.user(agent).isPresent()) {
				userId = agent;
			}
		}
		if (userId == null) {
			userId = calls.defaultAgent();
		}
		if (userId == null) {
			throw new BadCall(422,
					(agent == null)
							? "field '" + calls.vendorField("agent") + "' is required (no defaultAgent in calls.yaml)"
							: "unknown agent '" + agent + "' (map it under agents: in calls.yaml)");
		}
		String id = userId;
		return cfg.user(id).orElseThrow(() -> new BadCall(422, "agent maps to unknown user '" + id + "'"));
	}

	/** The call and what it led to. */
	Optional<Call> byCallId(String callId) {
		return Optional.ofNullable(mongo.findById("ended:" + callId, Call.class));
	}

	private static Map<String, Object> result(String status, Call call) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("status", status);
		m.put("callId", call.callId());
		m.put("event", call.event());
		if (call.customerId() != null) {
			m.put("customerId", call.customerId());
		}
		if (call.followUpId() != null) {
			m.put("followUpId", call.followUpId());
		}
		if (call.callbackTaskId() != null) {
			m.put("callbackTaskId", call.callbackTaskId());
		}
		m.put("newLead", call.newLead());
		return m;
	}

	Instant now() {
		return clock.instant();
	}

}
