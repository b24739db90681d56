package com.crmbot.connector.dingtalk;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import com.dingtalk.open.app.api.callback.OpenDingTalkCallbackListener;
import com.dingtalk.open.app.api.models.bot.ChatbotMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream mode: the SDK calls this for every robot message (topic
 * {@code /v1.0/im/bot/messages/get}). It feeds the same processor as the HTTP callback,
 * on the same executor, and notes the time for the watchdog. Replies never go back over
 * the stream (and the SDK's {@code BotReplier}, which drops @-mentions, is not used):
 * they go through the outbox to the session webhook or the OpenAPI.
 */
public class DingTalkStreamListener implements OpenDingTalkCallbackListener<ChatbotMessage, Void> {

	private static final long serialVersionUID = 1L;

	private static final Logger log = LoggerFactory.getLogger(DingTalkStreamListener.class);

	private final transient DingTalkInboundProcessor processor;

	private final transient Executor executor;

	private final transient Clock clock;

	private final transient AtomicReference<Instant> lastActivity = new AtomicReference<>();

	public DingTalkStreamListener(DingTalkInboundProcessor processor, Executor executor, Clock clock) {
		this.processor = processor;
		this.executor = executor;
		this.clock = clock;
		this.lastActivity.set(clock.instant());
	}

	@Override
	public Void execute(ChatbotMessage message) {
		lastActivity.set(clock.instant());
		if (message == null) {
			return null;
		}
		DingTalkInbound in = DingTalkInbound.fromStream(message);
		// recorded on disk before the SDK acknowledges the event (when this returns); a
		// store failure throws, so the event is not acknowledged
		if (!processor.record(in)) {
			return null;
		}
		try {
			executor.execute(() -> processor.processRecorded(in));
		}
		catch (RejectedExecutionException ex) {
			log.warn("dingtalk stream: executor busy, processing {} inline", in.msgId());
			processor.processRecorded(in);
		}
		return null;
	}

	/** When the stream last delivered something (or when the listener was created). */
	public Instant lastActivity() {
		return lastActivity.get();
	}

	void touch() {
		lastActivity.set(clock.instant());
	}

}
