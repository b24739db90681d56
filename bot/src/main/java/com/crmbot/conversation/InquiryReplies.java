package com.crmbot.conversation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerMentions;
import com.crmbot.customer.CustomerService;
import com.crmbot.customer.PendingChoices;
import com.crmbot.followup.FollowUp;
import com.crmbot.inquiry.InquiryService;
import com.crmbot.inquiry.InquiryService.Filing;
import com.crmbot.inquiry.extract.ExtractedInquiry;
import com.crmbot.config.ObjectionRule;
import com.crmbot.template.TemplateService;

import org.springframework.stereotype.Component;

/** Files a rep's free text as an inquiry and says what was filed. */
@Component
class InquiryReplies {

	private final InquiryService inquiries;

	private final TemplateService templates;

	private final ConfigService config;

	private final CustomerMentions mentions;

	private final PendingChoices choices;

	private final com.crmbot.access.AccessPolicy access;

	private final com.crmbot.notification.Notifier notifier;

	InquiryReplies(InquiryService inquiries, TemplateService templates, ConfigService config, CustomerMentions mentions,
			PendingChoices choices, com.crmbot.access.AccessPolicy access, com.crmbot.notification.Notifier notifier) {
		this.inquiries = inquiries;
		this.templates = templates;
		this.config = config;
		this.mentions = mentions;
		this.choices = choices;
		this.access = access;
		this.notifier = notifier;
	}

	List<Reply> file(Actor actor, ChatMessage m) {
		String locale = actor.locale();
		Customer target = null;
		if (!inquiries.namesKnownCustomer(m.text())) {
			// no known phone or company: a customer named by a short name or alias
			String company = inquiries.extract(m.text()).company();
			List<Customer> mentioned = mentions.in(actor, m.text())
				.stream()
				.filter((c) -> !mentions.inOtherName(c, company))
				.toList();
			if (mentioned.size() == 1) {
				target = mentioned.get(0);
			}
			else if (mentioned.size() > 1) {
				return List.of(which(actor, m, mentioned));
			}
		}
		Filing f = inquiries.file(m, actor.id(), actor.user().department(), FollowUp.Kind.INQUIRY, null, target, null,
				(c) -> access.canSee(actor, c));
		if (f.outcome() == Filing.Outcome.FILED || f.outcome() == Filing.Outcome.DUPLICATE) {
			com.crmbot.customer.Disclosures.shown(f.customer());
		}
		return answer(actor, m, f);
	}

	/** What the rep is told about a filing. */
	private List<Reply> answer(Actor actor, ChatMessage m, Filing f) {
		String locale = actor.locale();
		return switch (f.outcome()) {
			case HIDDEN -> hidden(actor, m, f.customer());
			case NO_CUSTOMER -> List.of(Reply.text(templates.reply(locale, "inquiry-no-customer", Map.of())));
			case DUPLICATE -> List.of(Reply.text(templates.reply(locale, "inquiry-duplicate",
					Map.of("customer", (f.customer() != null) ? f.customer().name() : "?"))));
			case FILED -> List.of(card(f, locale));
		};
	}

	/** A rep's plain inquiry of a batch. */
	record Request(Actor actor, ChatMessage message) {
	}

	/**
	 * What filing a message of a batch answers, and which customer the answer shows (for
	 * group-chat privacy).
	 */
	record Answer(List<Reply> replies, Customer shown) {
	}

	/**
	 * File a batch of reps' plain inquiries as {@link #file} files each one, in order,
	 * with bulk store operations: every phone and company of the batch looked up at once,
	 * one read of the names each sender may see (for short-name mentions), new customers
	 * and follow-ups inserted in bulk. A message that could depend on a customer an
	 * earlier message of the batch is about to create (same phone or company, or that
	 * customer's short name) is filed after those before it are.
	 */
	List<Answer> fileAll(List<Request> requests) {
		List<InquiryService.Prepared> prepared = requests.stream()
			.map((r) -> inquiries.prepare(r.message(), r.actor().id(), r.actor().user().department()))
			.toList();
		CustomerService.Matches known = inquiries.known(prepared);
		Map<String, CustomerMentions.Snapshot> snapshots = new HashMap<>();
		Answer[] out = new Answer[requests.size()];
		List<Integer> pending = new ArrayList<>();
		List<InquiryService.BatchRequest> batch = new ArrayList<>();
		List<Customer> pendingDrafts = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			Request r = requests.get(i);
			Actor actor = r.actor();
			InquiryService.Prepared p = prepared.get(i);
			String text = r.message().text();
			if (dependsOnPending(p, text, prepared, pending, pendingDrafts)) {
				flush(requests, pending, batch, known, snapshots, out);
				pendingDrafts.clear();
			}
			Customer target = null;
			boolean namesKnown = known.match(p.phones(), p.company()).isPresent();
			if (!namesKnown) {
				CustomerMentions.Snapshot names = snapshots.computeIfAbsent(actor.id(),
						(a) -> mentions.snapshot(actor));
				List<Customer> mentioned = names.in(text)
					.stream()
					.filter((c) -> !mentions.inOtherName(c, p.company()))
					.toList();
				if (mentioned.size() == 1) {
					target = mentioned.get(0);
				}
				else if (mentioned.size() > 1) {
					out[i] = new Answer(List.of(which(actor, r.message(), mentioned)), null);
					continue;
				}
			}
			pending.add(i);
			batch.add(new InquiryService.BatchRequest(p, target, (c) -> access.canSee(actor, c)));
			if (target == null && !namesKnown) {
				pendingDrafts.add(inquiries.draft(p));
			}
		}
		flush(requests, pending, batch, known, snapshots, out);
		return List.of(out);
	}

	/**
	 * Whether an inquiry could be filed differently once the new customers of the pending
	 * messages exist: it names one of their phones or companies, or mentions one of them
	 * by a short name.
	 */
	private boolean dependsOnPending(InquiryService.Prepared p, String text, List<InquiryService.Prepared> prepared,
			List<Integer> pending, List<Customer> drafts) {
		for (int j : pending) {
			if (p.sharesIdentity(prepared.get(j))) {
				return true;
			}
		}
		for (Customer d : drafts) {
			if (mentions.mentions(d, text, p.company())) {
				return true;
			}
		}
		return false;
	}

	private void flush(List<Request> requests, List<Integer> pending, List<InquiryService.BatchRequest> batch,
			CustomerService.Matches known, Map<String, CustomerMentions.Snapshot> snapshots, Answer[] out) {
		if (pending.isEmpty()) {
			return;
		}
		List<Filing> filed = inquiries.fileAll(batch, known);
		for (int k = 0; k < pending.size(); k++) {
			int i = pending.get(k);
			Request r = requests.get(i);
			Filing f = filed.get(k);
			if (f.customer() != null && (f.outcome() == Filing.Outcome.FILED || f.customerCreated())) {
				// the customer may be new or renamed: later messages of the batch see it
				for (Map.Entry<String, CustomerMentions.Snapshot> e : snapshots.entrySet()) {
					Actor viewer = requests.stream()
						.map(Request::actor)
						.filter((a) -> a.id().equals(e.getKey()))
						.findFirst()
						.orElse(null);
					if (viewer != null && access.canSee(viewer, f.customer())) {
						e.getValue().add(f.customer());
					}
				}
			}
			out[i] = new Answer(answer(r.actor(), r.message(), f),
					(f.outcome() == Filing.Outcome.FILED || f.outcome() == Filing.Outcome.DUPLICATE) ? f.customer()
							: null);
		}
		pending.clear();
		batch.clear();
	}

	/**
	 * Several customers fit the short name: numbered choices, each filing the text as a
	 * follow-up ({@code /log}) on that customer.
	 */
	private Reply which(Actor actor, ChatMessage m, List<Customer> candidates) {
		List<String> lines = new ArrayList<>();
		List<String> commands = new ArrayList<>();
		List<Reply.Button> buttons = new ArrayList<>();
		for (int i = 0; i < Math.min(candidates.size(), 6); i++) {
			Customer c = candidates.get(i);
			lines.add((i + 1) + ". " + c.name() + ((c.contact() != null) ? " " + c.contact() : "")
					+ ((c.phone() != null) ? " " + com.crmbot.text.Phones.readable(c.phone()) : ""));
			String command = "/log " + CustomerService.shortId(c.id()) + " " + m.text().strip();
			commands.add(command);
			buttons.add(new Reply.Button("choice:" + (i + 1), (i + 1) + " " + c.name(), command));
		}
		choices.offer(actor.id(), commands);
		return Reply
			.text(templates.reply(actor.locale(), "inquiry-which-customer",
					Map.of("candidates", String.join("\n", lines))))
			.withButtons(buttons);
	}

	/**
	 * The filed inquiry as a card: its title and field labels from the
	 * {@code inquiry-card} template (in its order), the objection responses as a list.
	 * Fields nothing was found for are left out.
	 */
	Reply card(Filing f, String locale) {
		Map<String, Object> v = vars(f, locale);
		TemplateService.Labels labels = templates.labels(locale, "inquiry-card", v);
		Reply.Builder card = Reply.card(labels.get("heading"));
		for (String key : labels.keysExcept("heading", "responses")) {
			Object value = v.get(key);
			if (value != null && !"—".equals(value) && !value.toString().isBlank()) {
				card.field(labels.get(key), value);
			}
		}
		return card.list(labels.get("responses"), responseLines(f, locale)).build();
	}

	private List<String> responseLines(Filing f, String locale) {
		return inquiries.responsesFor(f.extracted().objections())
			.stream()
			.map((r) -> templates.reply(locale, "objection-line",
					Map.of("objection", r.label(), "response", r.response())))
			.toList();
	}

	/**
	 * No oracle: a neutral answer without the company or the owner; the owner gets the
	 * message; the attempt is audited.
	 */
	private List<Reply> hidden(Actor actor, ChatMessage m, Customer c) {
		access.logDenied(actor, "inquiry into a customer not visible");
		config.get()
			.user(c.ownerId())
			.ifPresent((owner) -> notifier.notify(owner,
					Reply.text(templates.reply(owner.localeOrDefault(), "inquiry-hidden-owner-notice",
							Map.of("user", actor.user().name(), "customer", c.name(), "text", m.text()))),
					"inquiry-hidden:" + m.platform().id() + ":" + m.messageId()));
		return List.of(Reply.text(templates.reply(actor.locale(), "inquiry-hidden", Map.of())));
	}

	/**
	 * The variables of the inquiry templates (also used for customer-message notices).
	 */
	Map<String, Object> vars(Filing f, String locale) {
		ExtractedInquiry x = f.extracted();
		Customer c = f.customer();
		Map<String, Object> v = new HashMap<>();
		v.put("customer", c.name());
		v.put("status", templates.reply(locale, f.customerCreated() ? "inquiry-status-new" : "inquiry-status-existing",
				Map.of("owner", ownerName(c))));
		v.put("contact", dash(x.contact()));
		v.put("title", dash(x.title()));
		v.put("phone", (x.phone() != null) ? com.crmbot.text.Phones.readable(x.phone()) : "—");
		v.put("budget",
				(x.budgetCny() != null) ? templates.labels(locale, "money", com.crmbot.text.Money.vars(x.budgetCny()))
					.get(com.crmbot.text.Money.unit(x.budgetCny())) : "—");
		v.put("need", dash(config.get().needLabel(x.needType())));
		v.put("region", dash(x.region()));
		v.put("industry", dash(config.get().industryLabel(x.industry())));
		List<ObjectionRule> rules = inquiries.responsesFor(x.objections());
		v.put("objections",
				rules.isEmpty() ? "—" : rules.stream().map(ObjectionRule::label).collect(Collectors.joining(", ")));
		v.put("responses", String.join("\n", responseLines(f, locale)));
		return v;
	}

	private String ownerName(Customer c) {
		return config.get().user(c.ownerId()).map((u) -> u.name()).orElse("—");
	}

	private static String dash(Object v) {
		return (v != null) ? v.toString() : "—";
	}

}
