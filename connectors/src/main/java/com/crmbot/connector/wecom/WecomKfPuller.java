package com.crmbot.connector.wecom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.InboundLedger;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.MessageType;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Reply;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.kf.WxCpKfMsgListResp;
import me.chanjar.weixin.cp.bean.kf.WxCpKfMsgListResp.WxCpKfMsgItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Pulls 微信客服 messages with {@code kf/sync_msg} after a {@code kf_msg_or_event} callback:
 * the cursor is persisted per open_kfid after every page, pulling continues while
 * {@code has_more == 1} (even after an empty page), and each message is handed to the bot
 * once (durable dedupe by msgid). A message whose handling fails stops the pull before
 * the cursor moves past its page, so the next pull sees it again.
 * <p>
 * A failed pull (network, WeCom error, a message the bot could not handle) is retried by
 * the app itself after {@code kf-retry-backoff}, doubling up to {@code kf-retry-attempts}
 * times, without waiting for WeCom to call back again. A pull refused with 95007 (the
 * callback's token is invalid or expired) is repeated at once without the token (WeCom
 * then serves the pull at the lower rate limit).
 */
class WecomKfPuller {

	private static final Logger log = LoggerFactory.getLogger(WecomKfPuller.class);

	/** sync_msg origin of a message sent by the WeChat customer (3 = 微信客户发送的消息). */
	static final int ORIGIN_CUSTOMER = 3;

	private static final int PAGE_LIMIT = 1000;

	private static final int MAX_PAGES = 200;

	/** kf/sync_msg: invalid token (or cursor). */
	static final int INVALID_TOKEN = 95007;

	private final WxCpService wx;

	private final MongoTemplate mongo;

	private final InboundLedger ledger;

	private final InboundMessageHandler handler;

	private final Clock clock;

	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	private final Duration backoff;

	private final int attempts;

	private final ScheduledExecutorService retries;

	WecomKfPuller(WxCpService wx, MongoTemplate mongo, InboundLedger ledger, InboundMessageHandler handler, Clock clock,
			Duration backoff, int attempts, ScheduledExecutorService retries) {
		this.backoff = backoff;
		this.attempts = attempts;
		this.retries = retries;
		this.wx = wx;
		this.mongo = mongo;
		this.ledger = ledger;
		this.handler = handler;
		this.clock = clock;
	}

	/** Stop the scheduled retries (the next start pulls from the persisted cursor). */
	void close() {
		retries.shutdownNow();
	}

	String cursor(String openKfId) {
		KfCursor c = mongo.findById(openKfId, KfCursor.class);
		return (c != null) ? c.cursor() : null;
	}

	/**
	 * Pull everything new for one account; returns how many messages were handed over. A
	 * failure is rethrown (the callback counts as failed) and a retry is scheduled.
	 */
	int pull(String openKfId, String token) {
		try {
			return pullOnce(openKfId, token);
		}
		catch (RuntimeException ex) {
			scheduleRetry(openKfId, token, 1, ex);
			throw ex;
		}
	}

	private void scheduleRetry(String openKfId, String token, int attempt, RuntimeException cause) {
		if (attempt > attempts || retries.isShutdown()) {
			log.warn("wecom kf: giving up pulling {} after {} retries: {}", openKfId, attempt - 1, cause.getMessage());
			return;
		}
		Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 16));
		log.warn("wecom kf: pull of {} failed ({}); retry {} of {} in {}", openKfId, cause.getMessage(), attempt,
				attempts, wait);
		try {
			retries.schedule(() -> {
				try {
					pullOnce(openKfId, token);
				}
				catch (RuntimeException ex) {
					scheduleRetry(openKfId, token, attempt + 1, ex);
				}
			}, wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			log.info("wecom kf: shutting down, no retry for {}", openKfId);
		}
	}

	private WxCpKfMsgListResp sync(String cursor, String token, String openKfId) throws WxErrorException {
		try {
			return wx.getKfService().syncMsg(cursor, token, PAGE_LIMIT, null, openKfId);
		}
		catch (WxErrorException ex) {
			if (token != null && ex.getError() != null && ex.getError().getErrorCode() == INVALID_TOKEN) {
				log.info("wecom kf: token refused (95007) for {}; pulling without it", openKfId);
				return wx.getKfService().syncMsg(cursor, null, PAGE_LIMIT, null, openKfId);
			}
			throw ex;
		}
	}

	private int pullOnce(String openKfId, String token) {
		synchronized (locks.computeIfAbsent(openKfId, (k) -> new Object())) {
			int handed = 0;
			String cursor = cursor(openKfId);
			for (int page = 0; page < MAX_PAGES; page++) {
				WxCpKfMsgListResp resp;
				try {
					resp = sync(cursor, token, openKfId);
				}
				catch (WxErrorException ex) {
					throw new IllegalStateException(
							"kf/sync_msg failed: " + ex.getError().getErrorCode() + " " + ex.getError().getErrorMsg(),
							ex);
				}
				List<WxCpKfMsgItem> items = (resp.getMsgList() != null) ? resp.getMsgList() : List.of();
				for (WxCpKfMsgItem item : items) {
					if (handle(openKfId, item)) {
						handed++;
					}
				}
				if (resp.getNextCursor() != null && !resp.getNextCursor().isBlank()) {
					cursor = resp.getNextCursor();
					mongo.save(new KfCursor(openKfId, cursor, clock.instant()));
				}
				if (resp.getHasMore() == null || resp.getHasMore() != 1) {
					break;
				}
			}
			log.info("wecom kf: pulled {} for {}", handed, openKfId);
			return handed;
		}
	}

	private boolean handle(String openKfId, WxCpKfMsgItem item) {
		if (item.getMsgId() == null || item.getOrigin() == null || item.getOrigin() != ORIGIN_CUSTOMER
				|| item.getExternalUserId() == null) {
			return false;
		}
		ChatMessage msg = toChatMessage(openKfId, item);
		if (msg == null) {
			log.info("wecom kf: ignoring {} message {}", item.getMsgType(), item.getMsgId());
			return false;
		}
		String key = "wecom:kf:" + item.getMsgId();
		if (!ledger.begin(key)) {
			log.debug("wecom kf: duplicate {}", item.getMsgId());
			return false;
		}
		try {
			log.info("wecom kf: customer message {} ({})", item.getMsgId(), msg.type());
			List<Reply> replies = handler.handle(msg);
			if (replies != null && !replies.isEmpty()) {
				log.debug("wecom kf: {} replies to a customer message are not sent to the customer", replies.size());
			}
			ledger.done(key);
			return true;
		}
		catch (RuntimeException ex) {
			ledger.failed(key);
			throw ex;
		}
	}

	private ChatMessage toChatMessage(String openKfId, WxCpKfMsgItem item) {
		Instant at = (item.getSendTime() != null) ? Instant.ofEpochSecond(item.getSendTime()) : clock.instant();
		String ext = item.getExternalUserId();
		MessageType type;
		String text;
		String attachment = null;
		switch ((item.getMsgType() != null) ? item.getMsgType() : "") {
			case "text" -> {
				type = MessageType.TEXT;
				text = (item.getText() != null) ? item.getText().getContent() : "";
			}
			case "image" -> {
				type = MessageType.IMAGE;
				text = "[图片]";
				attachment = (item.getImage() != null) ? item.getImage().getMediaId() : null;
			}
			case "voice" -> {
				type = MessageType.VOICE;
				text = "[语音]";
				attachment = (item.getVoice() != null) ? item.getVoice().getMediaId() : null;
			}
			case "video" -> {
				type = MessageType.VIDEO;
				text = "[视频]";
				attachment = (item.getVideo() != null) ? item.getVideo().getMediaId() : null;
			}
			case "file" -> {
				type = MessageType.FILE;
				text = "[文件]";
				attachment = (item.getFile() != null) ? item.getFile().getMediaId() : null;
			}
			case "location" -> {
				type = MessageType.LOCATION;
				var l = item.getLocation();
				text = (l != null && l.getName() != null) ? l.getName() : "[位置]";
				attachment = (l != null) ? l.getLatitude() + "," + l.getLongitude() + " " + text : null;
			}
			case "link" -> {
				type = MessageType.LINK;
				var l = item.getLink();
				text = (l != null && l.getTitle() != null) ? l.getTitle() : "[链接]";
				attachment = (l != null) ? l.getUrl() : null;
			}
			default -> {
				return null;
			}
		}
		return new ChatMessage(item.getMsgId(), Platform.WECOM, ext, ext, text, at, type, false, attachment,
				Map.of("origin", "customer", "openKfId", openKfId, "externalUserId", ext));
	}

}
