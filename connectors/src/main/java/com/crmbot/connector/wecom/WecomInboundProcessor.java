package com.crmbot.connector.wecom;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.InboundLedger;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.outbox.Outbox;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.external.contact.ExternalContact;
import me.chanjar.weixin.cp.bean.external.contact.FollowedUser;
import me.chanjar.weixin.cp.bean.external.contact.WxCpExternalContactInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one authenticated callback: claims its durable key in the
 * {@link InboundLedger}, maps it to a neutral message or event, hands it to the bot and
 * marks the key done (or failed, so that WeCom's retry is processed again). Runs on the
 * callback executor, so a slow store or bot never holds up the acknowledgement.
 */
class WecomInboundProcessor {

	private static final Logger log = LoggerFactory.getLogger(WecomInboundProcessor.class);

	/** What became of a callback. */
	record Outcome(WecomInbound inbound, boolean duplicate, List<Reply> replies, Recipient replyTo) {
	}

	private final WecomProperties props;

	private final InboundLedger ledger;

	private final InboundMessageHandler handler;

	private final WxCpService wx;

	private final WecomKfPuller kf;

	private final Outbox outbox;

	private final Clock clock;

	WecomInboundProcessor(WecomProperties props, InboundLedger ledger, InboundMessageHandler handler, WxCpService wx,
			WecomKfPuller kf, Outbox outbox, Clock clock) {
		this.props = props;
		this.ledger = ledger;
		this.handler = handler;
		this.wx = wx;
		this.kf = kf;
		this.outbox = outbox;
		this.clock = clock;
	}

	Outcome process(WecomInbound in) {
		return process(in, false);
	}

	/**
	 * Durably record an authenticated callback (its decrypted XML) before WeCom gets its
	 * 200. True for a new message, false for a retry of one recorded before.
	 */
	boolean record(WecomInbound in, String xml) {
		return ledger.record(in.dedupeKey(), "wecom", xml);
	}

	/**
	 * Durably record an authenticated callback and claim it for this process in one
	 * insert. True for a new message, false for a retry of one recorded before.
	 */
	boolean recordClaimed(WecomInbound in, String xml) {
		return ledger.recordClaimed(in.dedupeKey(), "wecom", xml);
	}

	/**
	 * Process a message: {@code recorded} when it was recorded by {@link #record} (then
	 * claimed in one round trip), otherwise claimed by inserting its key.
	 */
	Outcome process(WecomInbound in, boolean recorded) {
		String key = in.dedupeKey();
		if (!(recorded ? ledger.claim(key) : ledger.begin(key))) {
			log.info("wecom: duplicate {} ignored", key);
			return new Outcome(in, true, List.of(), null);
		}
		try {
			List<Reply> replies = dispatch(in);
			// marked done only once the answer is delivered passively or queued (finish):
			// a crash before that leaves the key claimable again
			return new Outcome(in, false, (replies != null) ? replies : List.of(), replyTarget(in));
		}
		catch (RuntimeException ex) {
			ledger.failed(key);
			log.warn("wecom: processing {} failed, a retry will process it again: {}", key, ex.toString());
			throw ex;
		}
	}

	/**
	 * Process a message this process claimed when it recorded it
	 * ({@link InboundLedger#recordClaimed}): no ledger round trip here; the caller marks
	 * it done or failed (in bulk, for a batch).
	 */
	Outcome processClaimed(WecomInbound in) {
		List<Reply> replies = dispatch(in);
		return new Outcome(in, false, (replies != null) ? replies : List.of(), replyTarget(in));
	}

	/**
	 * Process several messages this process claimed when it recorded them, in order:
	 * consecutive chat messages go to the bot together
	 * ({@link InboundMessageHandler#handleAll}, filed with bulk store operations), events
	 * one by one. One result per message, in order: its outcome, or the failure (the
	 * caller marks it failed in the ledger).
	 */
	List<Processed> processClaimedAll(List<WecomInbound> batch) {
		Processed[] out = new Processed[batch.size()];
		List<Integer> run = new ArrayList<>();
		List<ChatMessage> messages = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			WecomInbound in = batch.get(i);
			ChatMessage msg = in.isEvent() ? null : in.toChatMessage(clock.instant());
			if (msg != null && msg.messageId() != null && in.from() != null) {
				log.info("wecom: {} message {} from {}", in.msgType(), msg.messageId(), msg.senderId());
				run.add(i);
				messages.add(msg);
				continue;
			}
			handleRun(batch, run, messages, out);
			try {
				out[i] = new Processed(processClaimed(in), null);
			}
			catch (RuntimeException ex) {
				out[i] = new Processed(null, ex);
			}
		}
		handleRun(batch, run, messages, out);
		return java.util.Arrays.asList(out);
	}

	private void handleRun(List<WecomInbound> batch, List<Integer> run, List<ChatMessage> messages, Processed[] out) {
		if (run.isEmpty()) {
			return;
		}
		List<InboundMessageHandler.Handled> handled;
		try {
			handled = handler.handleAll(List.copyOf(messages));
		}
		catch (RuntimeException ex) {
			handled = null;
			for (int i : run) {
				out[i] = new Processed(null, ex);
			}
		}
		if (handled != null) {
			for (int k = 0; k < run.size(); k++) {
				int i = run.get(k);
				InboundMessageHandler.Handled h = (k < handled.size()) ? handled.get(k) : null;
				if (h == null) {
					out[i] = new Processed(null, new IllegalStateException("no result for the message"));
				}
				else if (h.failure() != null) {
					out[i] = new Processed(null, h.failure());
				}
				else {
					WecomInbound in = batch.get(i);
					out[i] = new Processed(new Outcome(in, false, h.replies(), replyTarget(in)), null);
				}
			}
		}
		run.clear();
		messages.clear();
	}

	/** One message of {@link #processClaimedAll}: its outcome, or why it failed. */
	record Processed(Outcome outcome, RuntimeException failure) {
	}

	/**
	 * The outbox entries that deliver an outcome's replies actively (keys
	 * {@code wecom:reply:<msgId>:<i>}, so queueing twice queues once); empty when there
	 * is nothing to send or nobody to send it to.
	 */
	List<com.crmbot.connector.outbox.OutboxEntry> activeEntries(Outcome outcome) {
		if (outcome == null || outcome.duplicate() || outcome.replies().isEmpty()) {
			return List.of();
		}
		if (outcome.replyTo() == null) {
			log.info("wecom: {} replies to {} have no recipient, dropped", outcome.replies().size(),
					outcome.inbound().dedupeKey());
			return List.of();
		}
		String base = (outcome.inbound().msgId() != null && !outcome.inbound().isEvent())
				? outcome.inbound().msgId().trim() : sha1(outcome.inbound().dedupeKey());
		java.time.Instant now = clock.instant();
		List<com.crmbot.connector.outbox.OutboxEntry> out = new ArrayList<>();
		Recipient to = outcome.replyTo();
		for (int i = 0; i < outcome.replies().size(); i++) {
			out.add(new com.crmbot.connector.outbox.OutboxEntry("wecom:reply:" + base + ":" + i, to,
					outcome.replies().get(i), com.crmbot.connector.outbox.OutboxEntry.Status.PENDING, 0, now, now, null,
					null, null, null));
		}
		return out;
	}

	/**
	 * Who the bot's answers to this callback go to: for a group robot's group message the
	 * configured robot whose webhook the callback names (so the answer lands in that
	 * group), otherwise the rep, never the pseudo-user {@code sys}.
	 */
	Recipient replyTarget(WecomInbound in) {
		if (in.isGroup()) {
			String key = in.webhookKey();
			for (Map.Entry<String, String> robot : props.robots().entrySet()) {
				if (key != null && key.equals(robot.getValue())) {
					return Recipient.robot(Platform.WECOM, robot.getKey());
				}
			}
			log.info("wecom: group message {} came through a robot that is not configured (crmbot.wecom.robots)",
					in.dedupeKey());
			return null;
		}
		String target = "sys_approval_change".equals(in.event())
				? firstNonNull(in.get("ApprovalInfo.Applyer.UserId"), in.from()) : in.userId();
		return (target == null || target.isBlank() || "sys".equals(target)) ? null
				: Recipient.user(Platform.WECOM, target);
	}

	/**
	 * The message and its answer are fully handled: later deliveries of it are
	 * duplicates.
	 */
	void finish(Outcome outcome) {
		if (outcome != null && !outcome.duplicate()) {
			ledger.done(outcome.inbound().dedupeKey());
		}
	}

	/**
	 * Send replies that missed the passive-reply budget (or cannot be passive) actively:
	 * queued durably in the outbox, then the message is marked done.
	 */
	void deliverActively(Outcome outcome) {
		if (outcome == null) {
			return;
		}
		if (outcome.replies().isEmpty()) {
			finish(outcome);
			return;
		}
		if (outcome.replyTo() == null) {
			log.info("wecom: {} replies to {} have no recipient, dropped", outcome.replies().size(),
					outcome.inbound().dedupeKey());
			finish(outcome);
			return;
		}
		String base = (outcome.inbound().msgId() != null && !outcome.inbound().isEvent())
				? outcome.inbound().msgId().trim() : sha1(outcome.inbound().dedupeKey());
		List<Reply> replies = outcome.replies();
		for (int i = 0; i < replies.size(); i++) {
			outbox.enqueue("wecom:reply:" + base + ":" + i, outcome.replyTo(), replies.get(i));
		}
		finish(outcome);
	}

	private List<Reply> dispatch(WecomInbound in) {
		if (!in.isEvent()) {
			ChatMessage msg = in.toChatMessage(clock.instant());
			if (msg == null || msg.messageId() == null || in.from() == null) {
				log.info("wecom: unknown message type '{}' from {} acknowledged", in.msgType(), in.from());
				return List.of();
			}
			log.info("wecom: {} message {} from {}", in.msgType(), msg.messageId(), msg.senderId());
			return handler.handle(msg);
		}
		String event = in.event();
		log.info("wecom: event {} {}", event, in.get("ChangeType") != null ? in.get("ChangeType") : "");
		switch (event) {
			case "enter_agent" -> {
				List<Reply> r = handler.onEvent(in.toEvent("enter_agent", in.from(), Map.of(), clock.instant()));
				if ((r == null || r.isEmpty()) && props.welcomeText() != null && !props.welcomeText().isBlank()) {
					return List.of(Reply.text(props.welcomeText()));
				}
				return r;
			}
			case "template_card_event" -> {
				Map<String, String> a = new LinkedHashMap<>();
				a.put("key", in.get("EventKey"));
				a.put("taskId", in.get("TaskId"));
				a.put("cardType", in.get("CardType"));
				a.put("responseCode", in.get("ResponseCode"));
				return handler.onEvent(in.toEvent(ChatEvent.BUTTON_CLICKED, in.from(), a, clock.instant()));
			}
			case "sys_approval_change" -> {
				Map<String, String> a = new LinkedHashMap<>();
				a.put("spNo", in.get("ApprovalInfo.SpNo"));
				a.put("spStatus", in.get("ApprovalInfo.SpStatus"));
				a.put("templateId", in.get("ApprovalInfo.TemplateId"));
				a.put("spName", in.get("ApprovalInfo.SpName"));
				String applicant = firstNonNull(in.get("ApprovalInfo.Applyer.UserId"), in.from());
				return handler.onEvent(in.toEvent(ChatEvent.APPROVAL_CHANGED, applicant, a, clock.instant()));
			}
			case "change_external_contact" -> {
				return handler.onEvent(contactEvent(in));
			}
			case "kf_msg_or_event" -> {
				String openKfId = in.get("OpenKfId");
				if (openKfId == null || openKfId.isBlank()) {
					return List.of();
				}
				if (!props.kfOpenKfIds().isEmpty() && !props.kfOpenKfIds().contains(openKfId)) {
					log.info("wecom kf: ignoring unconfigured open_kfid {}", openKfId);
					return List.of();
				}
				kf.pull(openKfId, in.get("Token"));
				return List.of();
			}
			default -> {
				log.info("wecom: unknown event '{}' acknowledged", event);
				return List.of();
			}
		}
	}

	private ChatEvent contactEvent(WecomInbound in) {
		String changeType = in.get("ChangeType");
		String rep = in.get("UserID");
		String ext = in.get("ExternalUserID");
		Map<String, String> a = new LinkedHashMap<>();
		a.put("changeType", changeType);
		a.put("externalUserId", ext);
		a.put("state", in.get("State"));
		boolean fetch = ext != null && ("add_external_contact".equals(changeType)
				|| "edit_external_contact".equals(changeType) || "add_half_external_contact".equals(changeType));
		if (fetch) {
			WxCpExternalContactInfo info;
			try {
				info = wx.getExternalContactService().getContactDetail(ext, null);
			}
			catch (WxErrorException ex) {
				throw new IllegalStateException("externalcontact/get failed: " + ex.getError().getErrorCode(), ex);
			}
			ExternalContact c = info.getExternalContact();
			if (c != null) {
				a.put("name", c.getName());
				a.put("corpName", firstNonNull(c.getCorpFullName(), c.getCorpName()));
				a.put("position", c.getPosition());
			}
			FollowedUser follow = null;
			if (info.getFollowedUsers() != null) {
				for (FollowedUser f : info.getFollowedUsers()) {
					if (rep != null && rep.equals(f.getUserId())) {
						follow = f;
					}
				}
				if (follow == null && !info.getFollowedUsers().isEmpty()) {
					follow = info.getFollowedUsers().get(0);
				}
			}
			if (follow != null) {
				if (follow.getRemarkMobiles() != null) {
					List<String> mobiles = new ArrayList<>();
					for (String m : follow.getRemarkMobiles()) {
						if (m != null && !m.isBlank()) {
							mobiles.add(m.trim());
						}
					}
					a.put("mobiles", String.join(",", mobiles));
				}
				a.put("remark", follow.getRemark());
				a.put("description", follow.getDescription());
				if (follow.getRemarkCorpName() != null && !follow.getRemarkCorpName().isBlank()) {
					a.put("remarkCorpName", follow.getRemarkCorpName());
				}
			}
		}
		return in.toEvent(ChatEvent.CONTACT_CHANGED, rep, a, clock.instant());
	}

	static String sha1(String s) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-1")
					.digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String firstNonNull(String a, String b) {
		return (a != null && !a.isBlank()) ? a : b;
	}

}
