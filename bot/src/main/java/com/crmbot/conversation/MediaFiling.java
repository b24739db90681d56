package com.crmbot.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;
import com.crmbot.followup.FollowUp;
import com.crmbot.followup.FollowUpService;
import com.crmbot.template.TemplateService;
import com.crmbot.text.Lexicon;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Images, voice, files, rich text with pictures, locations and links from a rep, filed as
 * a follow-up with the media reference.
 * <ul>
 * <li>In a group, where many customers are discussed, the media attaches only to a
 * customer named in the message (a customer the rep may see whose name, company or
 * contact appears in its text), or to the one the rep picks: the bot asks with numbered
 * choices (the rep's recently worked customers) and the rep answers with the number
 * ({@code 0}: keep it without a customer). Until answered (at most
 * {@value #ANSWER_MINUTES} minutes) nothing is attached.</li>
 * <li>In a one-to-one chat: a named customer, else the customer the rep last worked on in
 * the last 12 hours.</li>
 * </ul>
 */
@Component
class MediaFiling {

	private static final Duration RECENT = Duration.ofHours(12);

	static final int ANSWER_MINUTES = 30;

	private static final int CHOICES = 5;

	private static final Pattern NUMBER = Pattern.compile("^\\s*([0-9０-９]{1,2})\\s*$");

	private final FollowUpService followUps;

	private final CustomerService customers;

	private final AccessPolicy access;

	private final MongoTemplate mongo;

	private final TemplateService templates;

	private final Clock clock;

	MediaFiling(FollowUpService followUps, CustomerService customers, AccessPolicy access, MongoTemplate mongo,
			TemplateService templates, Clock clock) {
		this.followUps = followUps;
		this.customers = customers;
		this.access = access;
		this.mongo = mongo;
		this.templates = templates;
		this.clock = clock;
	}

	List<Reply> file(ChatMessage m, Actor actor) {
		Customer named = namedIn(m.text(), actor);
		if (named != null) {
			return List.of(save(m.platform().id(), m.messageId(), m.senderId(), m.text(), m.attachment(), named,
					type(m, actor), actor));
		}
		if (!m.group()) {
			return List.of(save(m.platform().id(), m.messageId(), m.senderId(), m.text(), m.attachment(),
					lastWorkedOn(m), type(m, actor), actor));
		}
		List<Customer> choices = recentCustomers(m, actor);
		if (choices.isEmpty()) {
			return List.of(save(m.platform().id(), m.messageId(), m.senderId(), m.text(), m.attachment(), null,
					type(m, actor), actor));
		}
		String key = pendingKey(m);
		List<Reply> out = new ArrayList<>();
		// an earlier unanswered question: that media is kept without a customer
		PendingMedia earlier = mongo.findAndRemove(Query.query(Criteria.where("_id").is(key)), PendingMedia.class);
		if (earlier != null) {
			out.add(save(earlier.platform(), earlier.messageId(), earlier.senderId(), earlier.text(),
					earlier.attachment(), null, earlier.type(), actor));
		}
		mongo.save(new PendingMedia(key, m.platform().id(), m.messageId(), m.senderId(), m.text(), m.attachment(),
				type(m, actor), choices.stream().map(Customer::id).toList(), clock.instant()));
		StringBuilder list = new StringBuilder();
		for (int i = 0; i < choices.size(); i++) {
			list.append('\n').append(i + 1).append(". ").append(choices.get(i).name());
		}
		out.add(Reply.text(templates.reply(actor.locale(), "media-which-customer",
				Map.of("type", type(m, actor), "choices", list.toString(), "minutes", ANSWER_MINUTES))));
		return out;
	}

	/**
	 * The rep's answer to a "which customer?" question: a number. Empty when the message
	 * is not such an answer (then it is handled as usual).
	 */
	/** Whether {@link #answer} could take the text as the answer to a media question. */
	static boolean mayBeAnAnswer(String text) {
		return text != null && NUMBER.matcher(text).matches();
	}

	Optional<List<Reply>> answer(ChatMessage m, Actor actor) {
		Matcher n = NUMBER.matcher(m.text());
		if (!n.matches()) {
			return Optional.empty();
		}
		String key = pendingKey(m);
		Instant since = clock.instant().minus(Duration.ofMinutes(ANSWER_MINUTES));
		PendingMedia p = mongo.findOne(Query.query(Criteria.where("_id").is(key)), PendingMedia.class);
		if (p == null || p.askedAt().isBefore(since)) {
			return Optional.empty();
		}
		int choice = Integer.parseInt(toAscii(n.group(1)));
		if (choice > p.choices().size()) {
			return Optional.of(List.of(Reply
				.text(templates.reply(actor.locale(), "media-choice-range", Map.of("max", p.choices().size())))));
		}
		// whoever removes it files it: the same answer twice files once
		PendingMedia taken = mongo.findAndRemove(Query.query(Criteria.where("_id").is(key)), PendingMedia.class);
		if (taken == null) {
			return Optional.empty();
		}
		Customer c = null;
		if (choice > 0) {
			String id = taken.choices().get(choice - 1);
			// still visible to the rep?
			c = mongo.findOne(
					Query.query(new Criteria().andOperator(access.visibleTo(actor), Criteria.where("_id").is(id))),
					Customer.class);
		}
		return Optional.of(List.of(save(taken.platform(), taken.messageId(), taken.senderId(), taken.text(),
				taken.attachment(), c, taken.type(), actor)));
	}

	private Reply save(String platform, String messageId, String senderId, String text, String attachment,
			Customer customer, String type, Actor actor) {
		FollowUp f = new FollowUp(null, (customer != null) ? customer.id() : null, FollowUp.Kind.MEDIA, platform,
				messageId, senderId, text, null, List.of(), attachment, clock.instant());
		followUps.save(f);
		return Reply.text(templates.reply(actor.locale(), (customer != null) ? "media-filed" : "media-filed-unassigned",
				Map.of("type", type, "customer", (customer != null) ? customer.name() : "")));
	}

	/**
	 * The one customer the rep may see whose name, company or contact appears in the
	 * text; null when none or several do.
	 */
	private Customer namedIn(String text, Actor actor) {
		if (text == null || text.isBlank()) {
			return null;
		}
		List<Customer> visible = mongo.find(
				Query.query(access.visibleTo(actor)).with(Sort.by(Sort.Direction.DESC, "lastContactAt")).limit(500),
				Customer.class);
		Set<String> hits = new LinkedHashSet<>();
		Map<String, Customer> byId = new LinkedHashMap<>();
		for (Customer c : visible) {
			for (String name : new String[] { c.name(), c.company(), shortName(c.company()) }) {
				if (name != null && name.length() >= 2 && text.contains(name)) {
					hits.add(c.id());
					byId.put(c.id(), c);
				}
			}
		}
		return (hits.size() == 1) ? byId.get(hits.iterator().next()) : null;
	}

	/** "苏州恒通精密机械有限公司" → "恒通": the company's distinctive word, as reps say it. */
	@Lexicon("company name parts")
	static String shortName(String company) {
		if (company == null) {
			return null;
		}
		String s = company.replaceAll("(股份)?有限(责任)?公司$|集团$|公司$", "");
		s = s.replaceFirst("^(北京|上海|天津|重庆|[\\p{IsHan}]{2}(省|市))", "");
		s = s.replaceFirst("^(苏州|杭州|南京|无锡|宁波|深圳|广州|东莞|佛山|厦门|成都|武汉|西安|合肥|青岛|济南)", "");
		s = s.replaceAll("(精密|机械|电子|科技|贸易|实业|制造|工业|技术|信息|设备|材料|新材料)+$", "");
		return (s.length() >= 2 && s.length() <= 6) ? s : null;
	}

	private Customer lastWorkedOn(ChatMessage m) {
		FollowUp last = mongo.findOne(
				Query
					.query(Criteria.where("authorId")
						.is(m.senderId())
						.and("platform")
						.is(m.platform().id())
						.and("customerId")
						.ne(null)
						.and("at")
						.gte(clock.instant().minus(RECENT)))
					.with(Sort.by(Sort.Direction.DESC, "at")),
				FollowUp.class);
		return (last != null) ? customers.byId(last.customerId()).orElse(null) : null;
	}

	/** The rep's recently worked customers (newest first), else the newest they see. */
	private List<Customer> recentCustomers(ChatMessage m, Actor actor) {
		List<FollowUp> recent = mongo.find(Query
			.query(Criteria.where("authorId")
				.is(m.senderId())
				.and("platform")
				.is(m.platform().id())
				.and("customerId")
				.ne(null)
				.and("at")
				.gte(clock.instant().minus(Duration.ofDays(30))))
			.with(Sort.by(Sort.Direction.DESC, "at"))
			.limit(50), FollowUp.class);
		Set<String> ids = new LinkedHashSet<>();
		recent.forEach((f) -> ids.add(f.customerId()));
		List<Customer> out = new ArrayList<>();
		for (String id : ids) {
			mongo
				.find(Query.query(new Criteria().andOperator(access.visibleTo(actor), Criteria.where("_id").is(id))),
						Customer.class)
				.forEach(out::add);
			if (out.size() == CHOICES) {
				return out;
			}
		}
		for (Customer c : mongo.find(Query.query(access.visibleTo(actor))
			.with(Sort.by(Sort.Direction.DESC, "lastContactAt"))
			.limit(CHOICES * 2), Customer.class)) {
			if (out.size() < CHOICES && out.stream().noneMatch((o) -> o.id().equals(c.id()))) {
				out.add(c);
			}
		}
		return out;
	}

	private static String pendingKey(ChatMessage m) {
		return m.platform().id() + ":" + m.conversationId() + ":" + m.senderId();
	}

	/** What the media is, in the rep's words ("图片"). */
	private String type(ChatMessage m, Actor actor) {
		return templates
			.reply(actor.locale(), "media-type-" + m.type().name().toLowerCase(java.util.Locale.ROOT), Map.of())
			.strip();
	}

	private static String toAscii(String digits) {
		StringBuilder sb = new StringBuilder();
		for (char ch : digits.toCharArray()) {
			sb.append((ch >= '０' && ch <= '９') ? (char) ('0' + (ch - '０')) : ch);
		}
		return sb.toString();
	}

	/** A group media message waiting for the rep to say which customer it is for. */
	@org.springframework.data.mongodb.core.mapping.Document("media_pending")
	record PendingMedia(@Id String id, String platform, String messageId, String senderId, String text,
			String attachment, String type, List<String> choices, Instant askedAt) {
	}

}
