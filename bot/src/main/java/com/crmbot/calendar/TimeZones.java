package com.crmbot.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

import biweekly.component.DaylightSavingsTime;
import biweekly.component.Observance;
import biweekly.component.StandardTime;
import biweekly.component.VTimezone;
import biweekly.util.DateTimeComponents;
import biweekly.util.Frequency;
import biweekly.util.Recurrence;
import biweekly.util.UtcOffset;

/**
 * A VTIMEZONE built from the JDK's zone rules (no download from tzurl.org): the current
 * offset for zones without daylight saving (Asia/Shanghai), or one STANDARD and one
 * DAYLIGHT observance with their yearly RRULE for zones with it.
 */
final class TimeZones {

	private TimeZones() {
	}

	static VTimezone vtimezone(ZoneId zone, Instant now) {
		ZoneRules rules = zone.getRules();
		VTimezone tz = new VTimezone(zone.getId());
		List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
		int year = LocalDateTime.ofInstant(now, ZoneOffset.UTC).getYear() - 1;
		if (yearly.isEmpty() || rules.nextTransition(now) == null) {
			ZoneOffset offset = rules.getOffset(now);
			ZoneOffsetTransition last = rules.previousTransition(now);
			StandardTime st = new StandardTime();
			LocalDateTime start = (last != null) ? last.getDateTimeAfter() : LocalDateTime.of(1970, 1, 1, 0, 0);
			st.setDateStart(components(start));
			st.setTimezoneOffsetFrom(utc((last != null) ? last.getOffsetBefore() : offset));
			st.setTimezoneOffsetTo(utc(offset));
			st.addTimezoneName(abbreviation(offset));
			tz.addStandardTime(st);
			return tz;
		}
		for (ZoneOffsetTransitionRule r : yearly) {
			ZoneOffsetTransition t = r.createTransition(year);
			boolean daylight = r.getOffsetAfter().getTotalSeconds() > r.getStandardOffset().getTotalSeconds();
			Observance o = daylight ? new DaylightSavingsTime() : new StandardTime();
			o.setDateStart(components(t.getDateTimeBefore()));
			o.setTimezoneOffsetFrom(utc(r.getOffsetBefore()));
			o.setTimezoneOffsetTo(utc(r.getOffsetAfter()));
			o.setRecurrenceRule(rrule(r));
			o.addTimezoneName(abbreviation(r.getOffsetAfter()));
			if (o instanceof DaylightSavingsTime d) {
				tz.addDaylightSavingsTime(d);
			}
			else {
				tz.addStandardTime((StandardTime) o);
			}
		}
		return tz;
	}

	private static Recurrence rrule(ZoneOffsetTransitionRule r) {
		Recurrence.Builder b = new Recurrence.Builder(Frequency.YEARLY).byMonth(r.getMonth().getValue());
		int dom = r.getDayOfMonthIndicator();
		DayOfWeek dow = r.getDayOfWeek();
		if (dow == null) {
			return b.byMonthDay(dom).build();
		}
		if (dom == -1) {
			return b.byDay(-1, day(dow)).build();
		}
		List<Integer> days = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			days.add((dom > 0) ? dom + i : dom - i);
		}
		return b.byDay(day(dow)).byMonthDay(days).build();
	}

	private static biweekly.util.DayOfWeek day(DayOfWeek d) {
		return biweekly.util.DayOfWeek.values()[d.getValue() % 7];
	}

	private static DateTimeComponents components(LocalDateTime t) {
		return new DateTimeComponents(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
				t.getSecond(), false);
	}

	private static UtcOffset utc(ZoneOffset offset) {
		return new UtcOffset(offset.getTotalSeconds() * 1000L);
	}

	private static String abbreviation(ZoneOffset offset) {
		return "UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId());
	}

}
