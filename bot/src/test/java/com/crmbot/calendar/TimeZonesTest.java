package com.crmbot.calendar;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.TimeZone;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.io.text.ICalWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated VTIMEZONE, read back by biweekly with only the file's own definition (the
 * JDK's zone of the same name is not used when the id is unknown to it), gives the same
 * instants in winter and summer.
 */
class TimeZonesTest {

	@ParameterizedTest
	@ValueSource(strings = { "Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Sydney" })
	void aVtimezoneFromTheJdkRulesRoundTrips(String id) throws Exception {
		ZoneId zone = ZoneId.of(id);
		Instant now = Instant.parse("2026-12-02T02:00:00Z");
		VTimezone vtz = TimeZones.vtimezone(zone, now);
		// a custom id, so that the parser must use the VTIMEZONE in the file
		vtz.setTimezoneId("Custom/" + id.replace('/', '-'));
		ICalendar ical = new ICalendar();
		TimeZone custom = TimeZone.getTimeZone(zone);
		custom = (TimeZone) custom.clone();
		custom.setID("Custom/" + id.replace('/', '-'));
		ical.getTimezoneInfo().setDefaultTimezone(new TimezoneAssignment(custom, vtz));
		Instant winter = ZonedDateTime.of(2027, 1, 15, 15, 0, 0, 0, zone).toInstant();
		Instant summer = ZonedDateTime.of(2027, 7, 15, 15, 0, 0, 0, zone).toInstant();
		for (Instant t : new Instant[] { winter, summer }) {
			VEvent e = new VEvent();
			e.setDateStart(Date.from(t), true);
			e.setSummary(t.toString());
			ical.addEvent(e);
		}
		StringWriter w = new StringWriter();
		try (ICalWriter writer = new ICalWriter(w, biweekly.ICalVersion.V2_0)) {
			writer.write(ical);
		}
		String ics = w.toString();
		assertThat(ics).contains("DTSTART;TZID=Custom/" + id.replace('/', '-') + ":20270115T150000",
				"DTSTART;TZID=Custom/" + id.replace('/', '-') + ":20270715T150000");
		ICalendar parsed = Biweekly.parse(ics).first();
		assertThat(parsed.getEvents().get(0).getDateStart().getValue().toInstant()).isEqualTo(winter);
		assertThat(parsed.getEvents().get(1).getDateStart().getValue().toInstant()).isEqualTo(summer);
	}

}
