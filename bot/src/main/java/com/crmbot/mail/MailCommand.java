package com.crmbot.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.crmbot.chat.Args;
import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerLookup;
import com.crmbot.followup.FollowUp;
import com.crmbot.followup.FollowUpService;
import com.crmbot.text.Lexicon;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code /mail <模板> <客户>} previews an e-mail template filled with the customer's fields;
 * {@code /mail send N} (or the button) queues it and records an e-mail follow-up. A
 * placeholder without a value is named and nothing can be sent.
 */
@Component
public class MailCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("mail", Permission.USER);

	private static final Duration DRAFT_TTL = Duration.ofDays(1);

	private final MailTemplates templates;

	private final MailFields fields;

	private final MailQueue queue;

	private final OptOuts optOuts;

	private final CustomerLookup lookup;

	private final FollowUpService followUps;

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final Clock clock;

	MailCommand(MailTemplates templates, MailFields fields, MailQueue queue, OptOuts optOuts, CustomerLookup lookup,
			FollowUpService followUps, MongoTemplate mongo, ConfigService config, Clock clock) {
		this.templates = templates;
		this.fields = fields;
		this.queue = queue;
		this.optOuts = optOuts;
		this.lookup = lookup;
		this.followUps = followUps;
		this.mongo = mongo;
		this.config = config;
		this.clock = clock;
	}

	@Lexicon("the word for sending a previewed mail")
	private static final java.util.regex.Pattern SEND = java.util.regex.Pattern.compile("(?i)send|发送|确认");

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		if (!queue.configured()) {
			return ctx.say("mail-not-configured", Map.of());
		}
		List<String> t = ctx.tokens();
		if (t.isEmpty()) {
			return ctx.say("mail-list", Map.of("templates", list(), "synopsis", ctx.synopsis()));
		}
		if (SEND.matcher(t.get(0)).matches() && t.size() == 2) {
			return send(ctx, t.get(1));
		}
		String name = t.get(0);
		if (!templates.exists(name)) {
			return ctx.say("mail-unknown-template", Map.of("template", name, "templates", list()));
		}
		if (t.size() < 2) {
			return ctx.usage();
		}
		CustomerLookup.Result r = lookup.find(ctx, Args.rest(ctx.args(), 1));
		if (!r.found()) {
			return r.replies();
		}
		Customer c = r.customer();
		Object to = c.fields().get("email");
		if (to == null) {
			return ctx.say("mail-no-address", Map.of("customer", c.name()));
		}
		if (optOuts.isOptedOut(to.toString())) {
			return ctx.say("mail-opted-out", Map.of("customer", c.name(), "email", to));
		}
		MailTemplates.Rendered m = templates.render(name, fields.of(c));
		if (!m.complete()) {
			return ctx.say("mail-missing", Map.of("template", name, "customer", c.name(), "fields",
					m.missing().stream().map((id) -> label(id, ctx)).collect(Collectors.joining("、"))));
		}
		long n = nextNumber(ctx.actor().id());
		MailDraft d = new MailDraft(ctx.actor().id() + ":" + n, n, ctx.actor().id(), c.id(), c.name(), name,
				to.toString(), m.subject(), m.html(), m.text(), MailDraft.Status.DRAFT, clock.instant());
		mongo.insert(d);
		Reply preview = ctx.reply("mail-preview",
				Map.of("n", n, "to", d.to(), "subject", d.subject(), "text", d.text().strip(), "template", name));
		return List.of(preview.withButtons(List
			.of(new Reply.Button("mail:send:" + n, ctx.text("mail-send-button", Map.of()), "/mail send " + n))));
	}

	private List<Reply> send(CommandContext ctx, String ref) {
		String num = ref.replaceFirst("^#", "");
		if (!num.matches("\\d{1,9}")) {
			return ctx.usage();
		}
		String id = ctx.actor().id() + ":" + num;
		MailDraft d = mongo.findAndModify(
				Query.query(Criteria.where("_id")
					.is(id)
					.and("status")
					.is(MailDraft.Status.DRAFT)
					.and("createdAt")
					.gte(clock.instant().minus(DRAFT_TTL))),
				new Update().set("status", MailDraft.Status.SENT), FindAndModifyOptions.options().returnNew(true),
				MailDraft.class);
		if (d == null) {
			MailDraft any = mongo.findById(id, MailDraft.class);
			if (any != null && any.status() == MailDraft.Status.SENT) {
				return ctx.say("mail-already-sent", Map.of("n", num, "to", any.to()));
			}
			return ctx.say("mail-no-draft", Map.of("n", num));
		}
		if (optOuts.isOptedOut(d.to())) {
			return ctx.say("mail-opted-out", Map.of("customer", d.customerName(), "email", d.to()));
		}
		Customer c = mongo.findById(d.customerId(), Customer.class);
		String ownerId = (c != null) ? c.ownerId() : ctx.actor().id();
		String department = config.get().user(ownerId).map((u) -> u.department()).orElse(null);
		String fromName = config.get().user(ctx.actor().id()).map((u) -> u.name()).orElse(null);
		queue.enqueue(MailMessage.pending("mail:" + d.id(), MailMessage.Kind.MANUAL, null, d.customerId(), ownerId,
				department, ctx.actor().id(), d.to(), fromName, d.subject(), d.html(), d.text(), null, null,
				clock.instant()));
		followUps.save(new FollowUp(null, d.customerId(), FollowUp.Kind.EMAIL, "mail", "mail:" + d.id(),
				ctx.actor().id(), ctx.text("mail-followup", Map.of("subject", d.subject(), "to", d.to())),
				Map.of("template", d.template(), "to", d.to(), "subject", d.subject()), List.of(), null,
				clock.instant()));
		mongo.updateFirst(Query.query(Criteria.where("_id").is(d.customerId())),
				new Update().set("lastContactAt", clock.instant()).inc("version", 1), Customer.class);
		return ctx.say("mail-queued",
				Map.of("n", num, "to", d.to(), "subject", d.subject(), "customer", d.customerName()));
	}

	private String list() {
		List<String> out = new ArrayList<>();
		for (String n : templates.names()) {
			out.add("• " + n);
		}
		return String.join("\n", out);
	}

	/**
	 * A placeholder's name for people (templates mail-placeholders, then the customer
	 * field's label), as template mail-placeholder shows it.
	 */
	private String label(String id, CommandContext ctx) {
		String l = ctx.labels("mail-placeholders", Map.of()).words().get(id);
		if (l == null) {
			l = config.get().customers().field(id, null).map((f) -> f.label()).orElse(id);
		}
		return ctx.text("mail-placeholder", Map.of("label", l, "id", id));
	}

	private long nextNumber(String userId) {
		org.bson.Document c = mongo.findAndModify(Query.query(Criteria.where("_id").is("mail-draft:" + userId)),
				new Update().inc("seq", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
				org.bson.Document.class, "counters");
		return ((Number) c.get("seq")).longValue();
	}

}
