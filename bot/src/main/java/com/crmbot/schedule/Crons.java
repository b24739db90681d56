package com.crmbot.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cron arithmetic for {@link ScheduledWork} that fires on admin-configured crons. */
public final class Crons {

	private static final Logger log = LoggerFactory.getLogger(Crons.class);

	private Crons() {
	}

	/**
	 * The latest fire time of a cron in (after, now], if any; a cron that does not parse
	 * never fires (the configuration check reports it).
	 */
	public static Optional<Instant> latestFire(String cron, ZoneId zone, Instant after, Instant now) {
		CronExpression ce;
		try {
			ce = new CronExpression(cron);
		}
		catch (ParseException ex) {
			log.warn("schedule: bad cron '{}': {}", cron, ex.getMessage());
			return Optional.empty();
		}
		ce.setTimeZone(TimeZone.getTimeZone(zone));
		Instant latest = null;
		Date t = ce.getTimeAfter(Date.from(after));
		while (t != null && !t.toInstant().isAfter(now)) {
			latest = t.toInstant();
			t = ce.getTimeAfter(t);
		}
		return Optional.ofNullable(latest);
	}

}
