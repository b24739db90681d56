package com.crmbot.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VAlarm;
import biweekly.component.VEvent;
import biweekly.io.TimezoneAssignment;
import biweekly.io.text.ICalWriter;
import biweekly.parameter.Related;
import biweekly.property.Status;
import biweekly.property.Trigger;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.template.TemplateService;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Builds a user's iCalendar feed. Each fetch compares the current items with what the
 * feed said before ({@code calendar_entries}): a changed item gets SEQUENCE + 1 and a new
 * LAST-MODIFIED (= DTSTAMP, as RFC 5545 says for objects without METHOD); an item that is
 * gone (task done, approval decided) is published as {@code STATUS:CANCELLED} for
 * {@code keepCancelledDays}, then dropped. Every update is a single-document conditional
 * write, so two clients fetching at once agree.
 */
@Service
class CalendarFeed {

	static final String PRODID = "-//crm-bot//CRM calendar feed 1.0//ZH";

	private final MongoTemplate mongo;

	private final CalendarItems items;

	private final ConfigService config;

	private final TemplateService templates;

	private final CalendarProperties props;

	private final Clock clock;

	CalendarFeed(MongoTemplate mongo, CalendarItems items, ConfigService config, TemplateService templates,
			CalendarProperties props, Clock clock) {
		this.mongo = mongo;
		this.items = items;
		this.config = config;
		this.templates = templates;
		this.props = props;
		this.clock = clock;
		mongo.indexOps(CalendarEntry.class)
			.createIndex(new org.springframework.data.mongodb.core.index.Index()
				.on("userId", org.springframework.data.domain.Sort.Direction.ASC)
				.named("user"));
	}

	/** The feed as iCalendar text (CRLF, folded at 75 octets). */
	String render(User user) {
		List<CalendarEntry> entries = sync(user);
		ZoneId zone = config.get().workflow().zone();
		Instant now = clock.instant();
		ICalendar ical = new ICalendar();
		ical.setProductId(PRODID);
		String name = templates.reply(user.localeOrDefault(), "calendar-name", Map.of("name", user.name()));
		ical.setName(name);
		ical.setExperimentalProperty("X-WR-CALNAME", name);
		ical.setExperimentalProperty("X-WR-TIMEZONE", zone.getId());
		ical.setRefreshInterval(new biweekly.util.Duration.Builder().hours(1).build());
		ical.setExperimentalProperty("X-PUBLISHED-TTL", "PT1H");
		if (entries.isEmpty()) {
			// RFC 5545 wants at least one component: the time zone stands in for an empty
			// schedule
			ical.addComponent(TimeZones.vtimezone(zone, now));
		}
		else {
			ical.getTimezoneInfo()
				.setDefaultTimezone(new TimezoneAssignment(TimeZone.getTimeZone(zone), TimeZones.vtimezone(zone, now)));
		}
		for (CalendarEntry e : entries) {
			ical.addEvent(event(e));
		}
		return write(ical);
	}

	/** iCalendar text: CRLF line ends, folded at 75 octets. */
	static String write(ICalendar ical) {
		StringWriter out = new StringWriter();
		try (ICalWriter writer = new ICalWriter(out, ICalVersion.V2_0)) {
			writer.getVObjectWriter().getFoldedLineWriter().setLineLength(null);
			writer.write(ical);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return fold(out.toString());
	}

	private VEvent event(CalendarEntry e) {
		VEvent v = new VEvent();
		v.setUid(e.uid());
		v.setDateTimeStamp(Date.from(e.lastModified()));
		v.setCreated(Date.from(e.createdAt()));
		v.setLastModified(Date.from(e.lastModified()));
		v.setSequence(e.sequence());
		v.setDateStart(Date.from(e.start()), true);
		v.setDateEnd(Date.from(e.end()), true);
		v.setSummary(e.summary());
		v.setDescription(e.description());
		v.addCategories(switch (e.kind()) {
			case TASK -> "TASK";
			case VISIT -> "VISIT";
			case FOLLOW_UP -> "FOLLOW-UP";
			case APPROVAL -> "APPROVAL";
		});
		v.setStatus(e.cancelled() ? Status.cancelled() : Status.confirmed());
		if (e.alarm() && !e.cancelled()) {
			v.addAlarm(VAlarm.display(
					new Trigger(new biweekly.util.Duration.Builder().prior(true).minutes(props.alarmMinutes()).build(),
							Related.START),
					e.summary()));
		}
		return v;
	}

	/**
	 * Bring the stored entries up to date with the current items; returns what to
	 * publish.
	 */
	List<CalendarEntry> sync(User user) {
		Instant now = clock.instant();
		Map<String, CalendarEntry> stored = new HashMap<>();
		for (CalendarEntry e : mongo.find(Query.query(Criteria.where("userId").is(user.id())), CalendarEntry.class)) {
			stored.put(e.uid(), e);
		}
		List<CalendarEntry> out = new ArrayList<>();
		for (FeedItem item : items.of(user)) {
			CalendarEntry before = stored.remove(item.uid());
			out.add(upsert(user.id(), item, before, now));
		}
		Instant expired = now.minus(Duration.ofDays(props.keepCancelledDays()));
		for (CalendarEntry e : stored.values()) {
			if (!e.cancelled()) {
				out.add(cancel(e, now));
			}
			else if (e.cancelledAt().isBefore(expired)) {
				mongo.remove(Query.query(Criteria.where("_id").is(e.id()).and("sequence").is(e.sequence())),
						CalendarEntry.class);
			}
			else {
				out.add(e);
			}
		}
		out.sort(Comparator.comparing(CalendarEntry::start).thenComparing(CalendarEntry::uid));
		return out;
	}

	private CalendarEntry upsert(String userId, FeedItem item, CalendarEntry before, Instant now) {
		String fp = item.fingerprint();
		if (before == null) {
			CalendarEntry e = new CalendarEntry(CalendarEntry.idOf(userId, item.uid()), userId, item.uid(), item.kind(),
					item.summary(), item.description(), item.start(), item.end(), item.alarm(), fp, 0, now, now, null);
			try {
				return mongo.insert(e);
			}
			catch (DuplicateKeyException ex) {
				// a concurrent fetch stored it first
				return mongo.findById(e.id(), CalendarEntry.class);
			}
		}
		if (fp.equals(before.fingerprint()) && !before.cancelled()) {
			return before;
		}
		CalendarEntry after = new CalendarEntry(before.id(), userId, item.uid(), item.kind(), item.summary(),
				item.description(), item.start(), item.end(), item.alarm(), fp, before.sequence() + 1,
				before.createdAt(), now, null);
		return replaceIfUnchanged(before, after);
	}

	private CalendarEntry cancel(CalendarEntry e, Instant now) {
		CalendarEntry after = new CalendarEntry(e.id(), e.userId(), e.uid(), e.kind(), e.summary(), e.description(),
				e.start(), e.end(), e.alarm(), e.fingerprint(), e.sequence() + 1, e.createdAt(), now, now);
		return replaceIfUnchanged(e, after);
	}

	private CalendarEntry replaceIfUnchanged(CalendarEntry before, CalendarEntry after) {
		Update u = new Update().set("kind", after.kind())
			.set("summary", after.summary())
			.set("description", after.description())
			.set("start", after.start())
			.set("end", after.end())
			.set("alarm", after.alarm())
			.set("fingerprint", after.fingerprint())
			.set("sequence", after.sequence())
			.set("lastModified", after.lastModified())
			.set("cancelledAt", after.cancelledAt());
		long n = mongo
			.updateFirst(Query.query(Criteria.where("_id").is(before.id()).and("sequence").is(before.sequence())), u,
					CalendarEntry.class)
			.getModifiedCount();
		if (n == 1) {
			return after;
		}
		// another fetch changed it meanwhile: publish what it stored
		CalendarEntry current = mongo.findById(before.id(), CalendarEntry.class);
		return (current != null) ? current : after;
	}

	/**
	 * RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + one space), never
	 * inside a UTF-8 sequence.
	 */
	static String fold(String unfolded) {
		StringBuilder out = new StringBuilder(unfolded.length() + 64);
		for (String line : unfolded.split("\r\n")) {
			int octets = 0;
			int limit = 75;
			for (int i = 0; i < line.length();) {
				int cp = line.codePointAt(i);
				int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
				if (octets + len > limit) {
					out.append("\r\n ");
					octets = 1;
				}
				out.appendCodePoint(cp);
				octets += len;
				i += Character.charCount(cp);
			}
			out.append("\r\n");
		}
		return out.toString();
	}

}
