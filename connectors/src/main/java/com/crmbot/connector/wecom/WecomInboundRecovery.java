package com.crmbot.connector.wecom;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.crmbot.connector.InboundLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Processes callbacks that were recorded and acknowledged but never finished: the process
 * was killed after the 200, processing failed, or the processing queue was full. Runs
 * once the application is ready (so a crash is made good at the next start) and then
 * every {@code interval}. Re-processing is idempotent: the follow-up's unique platform +
 * message-id index files a message once and outbox keys queue each reply once.
 */
class WecomInboundRecovery implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(WecomInboundRecovery.class);

	static final int MAX_ATTEMPTS = 5;

	private final InboundLedger ledger;

	private final WecomInboundProcessor processor;

	private final Clock clock;

	private final Duration interval;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread t = new Thread(r, "wecom-recovery");
		t.setDaemon(true);
		return t;
	});

	WecomInboundRecovery(InboundLedger ledger, WecomInboundProcessor processor, Clock clock, Duration interval) {
		this.ledger = ledger;
		this.processor = processor;
		this.clock = clock;
		this.interval = interval;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		timer.schedule(this::sweepQuietly, 0, TimeUnit.MILLISECONDS);
		timer.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void sweepQuietly() {
		try {
			sweep();
		}
		catch (RuntimeException ex) {
			log.warn("wecom: recovery sweep failed: {}", ex.toString());
		}
	}

	/**
	 * One pass: processes recorded messages older than a few seconds that are not done.
	 * Returns how many were processed.
	 */
	int sweep() {
		return sweep(Duration.ofSeconds(5));
	}

	/**
	 * One pass over messages recorded at least {@code minAge} ago (younger ones may be in
	 * processing right now).
	 */
	int sweep(Duration minAge) {
		int total = 0;
		while (true) {
			List<InboundLedger.Pending> batch = ledger.pending("wecom", clock.instant().minus(minAge), MAX_ATTEMPTS,
					200);
			int processed = 0;
			for (InboundLedger.Pending p : batch) {
				WecomInbound in;
				try {
					in = new WecomInbound(SafeXml.parse(p.payload()));
				}
				catch (WecomCryptoException ex) {
					log.warn("wecom: recorded message {} cannot be read again: {}", p.key(), ex.getMessage());
					ledger.failed(p.key());
					continue;
				}
				try {
					WecomInboundProcessor.Outcome outcome = processor.process(in, true);
					if (!outcome.duplicate()) {
						processor.deliverActively(outcome);
						processed++;
					}
				}
				catch (RuntimeException ex) {
					log.warn("wecom: re-processing {} failed (attempt {}): {}", p.key(), p.attempts() + 1,
							ex.toString());
				}
			}
			total += processed;
			if (batch.size() < 200 || processed == 0) {
				break;
			}
		}
		if (total > 0) {
			log.info("wecom: recovery processed {} recorded message(s) that were acknowledged but not finished", total);
		}
		return total;
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}

}
