package com.crmbot.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand. {@link #withZone} gives a view in another zone that moves
 * with this one.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	/** Starts at the wall clock's now, in UTC. */
	public MutableClock() {
		this(Instant.now());
	}

	/** Starts at {@code start}, in UTC. */
	public MutableClock(Instant start) {
		this(start, ZoneOffset.UTC);
	}

	public MutableClock(Instant start, ZoneId zone) {
		this(new AtomicReference<>(start), zone);
	}

	private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	public void set(Instant instant) {
		now.set(instant);
	}

	public void advance(Duration d) {
		now.updateAndGet((i) -> i.plus(d));
	}

	@Override
	public ZoneId getZone() {
		return zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return zone.equals(this.zone) ? this : new MutableClock(now, zone);
	}

	@Override
	public Instant instant() {
		return now.get();
	}

}
