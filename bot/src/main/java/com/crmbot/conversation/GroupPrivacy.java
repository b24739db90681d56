package com.crmbot.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.security.PhoneMasking;
import com.crmbot.template.TemplateService;
import com.crmbot.text.Phones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Group chats are not private. An answer in a group that shows customers (a lookup,
 * {@code /find}, a filed inquiry, a quote) or any phone number goes to the asker
 * privately (work notice / app message) and the group gets a short pointer, unless every
 * member of the group is a configured user who may see every customer shown; even then
 * phone numbers are masked in the group.
 */
@Component
class GroupPrivacy {

	private static final Logger log = LoggerFactory.getLogger(GroupPrivacy.class);

	private final ConfigService config;

	private final AccessPolicy access;

	private final GroupMembers members;

	private final com.crmbot.notification.Notifier notifier;

	private final TemplateService templates;

	private final com.crmbot.connector.outbox.Outbox outbox;

	GroupPrivacy(ConfigService config, AccessPolicy access, GroupMembers members,
			com.crmbot.notification.Notifier notifier, TemplateService templates,
			@org.springframework.context.annotation.Lazy com.crmbot.connector.outbox.Outbox outbox) {
		this.outbox = outbox;
		this.config = config;
		this.access = access;
		this.members = members;
		this.notifier = notifier;
		this.templates = templates;
	}

	List<Reply> apply(ChatMessage m, List<Reply> replies, List<Customer> shown) {
		if (!m.group() || replies.isEmpty()) {
			return replies;
		}
		boolean phones = replies.stream().anyMatch(GroupPrivacy::hasPhone);
		if (shown.isEmpty() && !phones) {
			return replies;
		}
		AdminConfig cfg = config.get();
		Optional<User> asker = cfg.userOn(m.platform(), m.senderId());
		if (asker.isEmpty()) {
			return replies.stream().map(GroupPrivacy::masked).toList();
		}
		if (!shown.isEmpty() && everyMemberMaySee(m, cfg, shown)) {
			List<Reply> masked = replies.stream().map(GroupPrivacy::masked).toList();
			if (masked.stream().noneMatch(GroupPrivacy::hasPhone)) {
				return masked;
			}
		}
		for (int i = 0; i < replies.size(); i++) {
			String key = "group-private:" + m.globalId() + ":" + i;
			if (outbox.canSend(m.platform())) {
				// privately on the platform of the group: a work notice / app message
				outbox.enqueue(key, com.crmbot.connector.Recipient.user(m.platform(), m.senderId()), replies.get(i));
			}
			else {
				notifier.notify(asker.get(), replies.get(i), key);
			}
		}
		log.info("group answer platform={} msg={} sent privately to {} ({} customers shown)", m.platform().id(),
				m.messageId(), asker.get().id(), shown.size());
		return List.of(Reply.text(templates.reply(asker.get().localeOrDefault(), "group-sent-privately",
				Map.of("user", asker.get().name()))));
	}

	private boolean everyMemberMaySee(ChatMessage m, AdminConfig cfg, List<Customer> shown) {
		Optional<List<String>> ids = members.of(m);
		if (ids.isEmpty() || ids.get().isEmpty()) {
			return false;
		}
		List<Actor> actors = new ArrayList<>();
		for (String id : ids.get()) {
			Optional<User> u = cfg.userOn(m.platform(), id);
			if (u.isEmpty()) {
				return false; // a guest, a customer, anyone not configured
			}
			actors.add(new Actor(u.get(), cfg.roleOf(u.get())));
		}
		return actors.stream().allMatch((a) -> shown.stream().allMatch((c) -> access.canSee(a, c)));
	}

	private static boolean hasPhone(Reply r) {
		return r.text() != null && !Phones.findAll(r.text()).isEmpty();
	}

	private static Reply masked(Reply r) {
		if (!hasPhone(r)) {
			return r;
		}
		return new Reply(PhoneMasking.mask(r.text()), r.format(), r.title(), r.buttons(), r.imageRef());
	}

}
