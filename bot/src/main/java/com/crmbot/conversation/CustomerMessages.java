package com.crmbot.conversation;

import java.util.List;
import java.util.Map;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.Reply;
import com.crmbot.followup.FollowUp;
import com.crmbot.inquiry.InquiryService;
import com.crmbot.inquiry.InquiryService.Filing;
import com.crmbot.notification.Notifier;
import com.crmbot.template.TemplateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A customer's own message (e.g. to the WeCom customer-service account): filed on the
 * customer's record, and the owning rep (or the configured default) is told what was
 * filed with a suggested response. The customer gets no automatic answer.
 */
@Component
class CustomerMessages {

	private static final Logger log = LoggerFactory.getLogger(CustomerMessages.class);

	private final InquiryService inquiries;

	private final ConfigService config;

	private final Notifier notifier;

	private final TemplateService templates;

	private final InquiryReplies replies;

	private final CustomerMedia media;

	CustomerMessages(InquiryService inquiries, ConfigService config, Notifier notifier, TemplateService templates,
			InquiryReplies replies, CustomerMedia media) {
		this.media = media;
		this.inquiries = inquiries;
		this.config = config;
		this.notifier = notifier;
		this.templates = templates;
		this.replies = replies;
	}

	List<Reply> handle(ChatMessage m) {
		AdminConfig cfg = config.get();
		String external = m.extras().getOrDefault("externalUserId", m.senderId());
		User fallback = cfg.user(cfg.bot().defaultNotifyUser()).orElse(cfg.org().users().get(0));
		String attachment = media.fetch(m).orElse(m.attachment());
		Filing f = inquiries.file(m, fallback.id(), fallback.department(), FollowUp.Kind.CUSTOMER_MESSAGE, external,
				null, attachment);
		if (f.outcome() != Filing.Outcome.FILED) {
			return List.of();
		}
		User owner = cfg.user(f.customer().ownerId()).orElse(fallback);
		Map<String, Object> vars = new java.util.HashMap<>(replies.vars(f, owner.localeOrDefault()));
		vars.put("text", m.text());
		String text = templates.reply(owner.localeOrDefault(), "customer-message-notice", vars);
		notifier.notify(owner, Reply.text(text), "notify:customer-message:" + m.globalId());
		log.info("customer message platform={} msg={} filed on customer={} owner={}", m.platform().id(), m.messageId(),
				f.customer().id(), owner.id());
		return List.of();
	}

}
