package com.crmbot.connector.outbox;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

/**
 * A store-backed queue worked by {@link PollingWorkers}, started and stopped with the
 * application context: the outbox and the mail queue.
 */
public abstract class PolledQueue implements SmartLifecycle {

	private final PollingWorkers workers;

	private final boolean autoStartup;

	/**
	 * @param name for log lines and thread names
	 * @param autoStartup whether the workers start with the context (off in tests that
	 * drain by hand)
	 */
	protected PolledQueue(String name, int workers, Duration pollInterval, boolean autoStartup) {
		this.workers = new PollingWorkers(name, workers, pollInterval, this::processOne);
		this.autoStartup = autoStartup;
	}

	/** Claim and handle one item; false when there was nothing to do. */
	public abstract boolean processOne();

	/** Whether the workers may start (e.g. only once the queue is configured). */
	protected boolean startable() {
		return true;
	}

	/** Let a sleeping worker look for work now. */
	protected final void wake() {
		workers.wake();
	}

	@Override
	public void start() {
		if (startable()) {
			workers.start();
		}
	}

	@Override
	public void stop() {
		workers.stop();
	}

	@Override
	public boolean isAutoStartup() {
		return autoStartup;
	}

	@Override
	public boolean isRunning() {
		return workers.isRunning();
	}

}
