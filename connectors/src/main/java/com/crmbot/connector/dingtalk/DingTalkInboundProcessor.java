package com.crmbot.connector.dingtalk;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.InboundLedger;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.UserDirectory;
import com.crmbot.connector.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to every robot message, whichever way it arrived (HTTP callback or
 * Stream): once per msgId (durable ledger), sender mapped by staffId, unknown senders
 * answered politely without calling the bot or storing anything about them, the session
 * webhook recorded for the replies, the bot's replies queued in the outbox.
 */
public class DingTalkInboundProcessor {

	private static final Logger log = LoggerFactory.getLogger(DingTalkInboundProcessor.class);

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	static final String UNKNOWN_USER_REPLY = "您好，您还不是 crm-bot 的用户，请联系管理员开通。";

	private final InboundMessageHandler handler;

	private final UserDirectory directory;

	private final InboundLedger ledger;

	private final Outbox outbox;

	private final DingTalkSessionStore sessions;

	private final DingTalkConnector connector;

	private final Clock clock;

	public DingTalkInboundProcessor(InboundMessageHandler handler, UserDirectory directory, InboundLedger ledger,
			Outbox outbox, DingTalkSessionStore sessions, DingTalkConnector connector, Clock clock) {
		this.handler = handler;
		this.directory = directory;
		this.ledger = ledger;
		this.outbox = outbox;
		this.sessions = sessions;
		this.connector = connector;
		this.clock = clock;
	}

	/**
	 * Process one message. Never throws: failures are recorded so a re-delivery retries.
	 */
	public void process(DingTalkInbound in) {
		if (in.msgId() == null || in.msgId().isBlank()) {
			log.warn("dingtalk: message without msgId ignored");
			return;
		}
		if (!in.addressesRobot()) {
			// DingTalk normally delivers only @-messages from groups; anything else (e.g.
			// an
			// "all messages" subscription) is not meant for the bot
			log.info("dingtalk: group message {} does not @ the robot, ignored", in.msgId());
			return;
		}
		String key = "dingtalk:" + in.msgId();
		if (!ledger.begin(key)) {
			log.info("dingtalk: duplicate message {} ignored", in.msgId());
			return;
		}
		processClaimed(in, key);
	}

	/**
	 * Durably record a message (and claim it for this process) before DingTalk is
	 * acknowledged: one insert. True when it should be processed now (new, addressed to
	 * the robot, with a msgId; or a re-delivery of one whose processing failed), false
	 * for a re-delivery of a message done or in processing, or one that is ignored
	 * anyway. Throws when the store cannot record it: then do not acknowledge.
	 */
	public boolean record(DingTalkInbound in) {
		if (in.msgId() == null || in.msgId().isBlank() || !in.addressesRobot()) {
			return false;
		}
		String key = "dingtalk:" + in.msgId();
		if (ledger.recordClaimed(key, "dingtalk", JSON.writeValueAsString(in))) {
			return true;
		}
		// a re-delivery: processed again when the earlier attempt failed (or its claim
		// went stale), as before
		return ledger.claim(key);
	}

	/** Process a message {@link #record} recorded and claimed. Never throws. */
	public void processRecorded(DingTalkInbound in) {
		processClaimed(in, "dingtalk:" + in.msgId());
	}

	/**
	 * Messages recorded at least {@code minAge} ago and not finished (crash after the
	 * acknowledgement, full queue): claimed and processed again. Returns how many were
	 * processed.
	 */
	public int recover(java.time.Duration minAge) {
		int total = 0;
		// never claimed after being recorded, or claimed by a process that went away;
		// failed ones are not retried by the sweep (as before: a re-delivery retries
		// them)
		for (InboundLedger.Pending p : ledger.pending("dingtalk", clock.instant().minus(minAge), 1, 200)) {
			DingTalkInbound in;
			try {
				in = JSON.readValue(p.payload(), DingTalkInbound.class);
			}
			catch (RuntimeException ex) {
				log.warn("dingtalk: recorded message {} cannot be read again: {}", p.key(), ex.toString());
				ledger.failed(p.key());
				continue;
			}
			if (ledger.claim(p.key())) {
				processClaimed(in, p.key());
				total++;
			}
		}
		if (total > 0) {
			log.info("dingtalk: recovery processed {} recorded message(s) that were acknowledged but not finished",
					total);
		}
		return total;
	}

	private void processClaimed(DingTalkInbound in, String key) {
		try {
			log.info("dingtalk: message {} ({}, {}) in {}", in.msgId(), in.msgtype(), in.group() ? "group" : "1:1",
					in.conversationId());
			if (in.senderStaffId() == null || directory.find(Platform.DINGTALK, in.senderStaffId()).isEmpty()) {
				log.info("dingtalk: message {} from an unknown sender, answered politely", in.msgId());
				answerUnknown(in);
				ledger.done(key);
				return;
			}
			Instant now = clock.instant();
			if (in.sessionWebhook() != null && in.conversationId() != null) {
				Instant expires = (in.sessionWebhookExpiredTime() != null)
						? Instant.ofEpochMilli(in.sessionWebhookExpiredTime()) : now;
				sessions.save(in.msgId(), new DingTalkSessionStore.Session(null, in.conversationId(),
						in.sessionWebhook(), expires, in.senderStaffId(), in.senderNick(), in.group(), now));
			}
			ChatMessage msg = DingTalkMapper.toChatMessage(in, now);
			List<Reply> replies = handler.handle(msg);
			for (int i = 0; i < replies.size(); i++) {
				outbox.enqueue(DingTalkConnector.REPLY_KEY_PREFIX + in.msgId() + ":" + i,
						Recipient.conversation(Platform.DINGTALK, msg.conversationId()), replies.get(i));
			}
			ledger.done(key);
		}
		catch (RuntimeException ex) {
			log.warn("dingtalk: processing message {} failed: {}", in.msgId(), ex.toString());
			ledger.failed(key);
		}
	}

	private void answerUnknown(DingTalkInbound in) {
		Reply reply = Reply.text(UNKNOWN_USER_REPLY);
		Instant now = clock.instant();
		if (in.sessionWebhook() != null && in.sessionWebhookExpiredTime() != null
				&& now.toEpochMilli() < in.sessionWebhookExpiredTime()) {
			// direct and best effort: nothing about an unknown sender goes into the store
			connector.postSessionWebhook(in.sessionWebhook(), reply, in.group() ? in.senderStaffId() : null);
		}
	}

	/**
	 * A button tap on an interactive card: once per (card, user, button), passed to the
	 * bot as a {@link ChatEvent#BUTTON_CLICKED} by that user; the answer goes to the user
	 * one to one. Unknown users are ignored.
	 */
	public void processCardAction(String outTrackId, String staffId, String buttonKey, String command) {
		String id = "card:" + outTrackId + ":" + staffId + ":" + ((buttonKey != null) ? buttonKey : command);
		String key = "dingtalk:" + id;
		if (!ledger.begin(key)) {
			log.info("dingtalk: duplicate card callback {} ignored", id);
			return;
		}
		try {
			if (directory.find(Platform.DINGTALK, staffId).isEmpty()) {
				log.info("dingtalk: card callback from an unknown user ignored");
				ledger.done(key);
				return;
			}
			java.util.Map<String, String> attrs = new java.util.LinkedHashMap<>();
			if (buttonKey != null) {
				attrs.put("key", buttonKey);
			}
			if (command != null) {
				attrs.put("command", command);
			}
			List<Reply> replies = handler.onEvent(
					new ChatEvent(id, Platform.DINGTALK, ChatEvent.BUTTON_CLICKED, staffId, clock.instant(), attrs));
			for (int i = 0; i < replies.size(); i++) {
				outbox.enqueue(key + ":" + i, Recipient.user(Platform.DINGTALK, staffId), replies.get(i));
			}
			ledger.done(key);
		}
		catch (RuntimeException ex) {
			log.warn("dingtalk: card callback {} failed: {}", id, ex.toString());
			ledger.failed(key);
		}
	}

	/**
	 * A DingTalk event (e.g. a native approval's change), passed to the bot once per
	 * eventId. Throws when the bot failed, so that DingTalk re-delivers it.
	 */
	public void processEvent(String eventId, String type, String staffId, java.util.Map<String, String> attributes) {
		String key = "dingtalk:event:" + eventId;
		if (!ledger.begin(key)) {
			log.info("dingtalk: duplicate event {} ignored", eventId);
			return;
		}
		try {
			List<Reply> replies = handler
				.onEvent(new ChatEvent(eventId, Platform.DINGTALK, type, staffId, clock.instant(), attributes));
			if (staffId != null) {
				for (int i = 0; i < replies.size(); i++) {
					outbox.enqueue(key + ":" + i, Recipient.user(Platform.DINGTALK, staffId), replies.get(i));
				}
			}
			ledger.done(key);
		}
		catch (RuntimeException ex) {
			ledger.failed(key);
			throw ex;
		}
	}

}
