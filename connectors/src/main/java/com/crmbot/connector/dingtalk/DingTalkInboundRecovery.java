package com.crmbot.connector.dingtalk;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Processes DingTalk messages that were recorded and acknowledged but never finished (the
 * process was killed after the acknowledgement, processing failed, the queue was full):
 * once when the application is ready, then every {@code interval}. Re-processing is
 * idempotent (the follow-up's unique platform + message-id index, outbox reply keys).
 */
public class DingTalkInboundRecovery implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DingTalkInboundRecovery.class);

	private final DingTalkInboundProcessor processor;

	private final Duration interval;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread t = new Thread(r, "dingtalk-recovery");
		t.setDaemon(true);
		return t;
	});

	public DingTalkInboundRecovery(DingTalkInboundProcessor processor, Duration interval) {
		this.processor = processor;
		this.interval = interval;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		timer.scheduleWithFixedDelay(this::sweepQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void sweepQuietly() {
		try {
			sweep(Duration.ofSeconds(5));
		}
		catch (RuntimeException ex) {
			log.warn("dingtalk: recovery sweep failed: {}", ex.toString());
		}
	}

	/** One pass over messages recorded at least {@code minAge} ago. */
	public int sweep(Duration minAge) {
		return processor.recover(minAge);
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}

}
