package com.crmbot.task;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Times as people write them, in Chinese and English; ambiguity and the past are flagged.
 */
class TimeParserTest {

	private static final ZoneId SH = ZoneId.of("Asia/Shanghai");

	/** Wednesday 2026-12-02 10:00. */
	private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 2, 10, 0, 0, 0, SH);

	private static ZonedDateTime at(int month, int day, int hour, int minute) {
		return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, SH);
	}

	private static TimeParser.Result parse(String text) {
		return TimeParser.parse(text, NOW).orElseThrow(() -> new AssertionError("not parsed: " + text));
	}

	private static void exact(String text, ZonedDateTime expected) {
		TimeParser.Result r = parse(text);
		assertThat(r.kind()).as(text).isEqualTo(TimeParser.Kind.EXACT);
		assertThat(r.best()).as(text).isEqualTo(expected);
	}

	/** Chinese, English and numeric times with one reading (month, day, hour, minute). */
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "明天下午3点, 12, 3, 15, 0", "今晚8点, 12, 2, 20, 0", "3天后, 12, 5, 10, 0", "后天上午九点半, 12, 4, 9, 30",
			"下周一下午两点, 12, 7, 14, 0", "星期五晚上7点, 12, 4, 19, 0", "12月10日下午3点, 12, 10, 15, 0", "2小时后, 12, 2, 12, 0",
			"半小时后, 12, 2, 10, 30", "明天下午3点15分, 12, 3, 15, 15", "明天中午12点, 12, 3, 12, 0",
			"2026-12-21 14:30, 12, 21, 14, 30", "tomorrow 9am, 12, 3, 9, 0", "tomorrow at 3pm, 12, 3, 15, 0",
			"in 3 days, 12, 5, 10, 0", "in 2 hours, 12, 2, 12, 0", "friday 4:30pm, 12, 4, 16, 30",
			"tonight 8pm, 12, 2, 20, 0", "2026/12/20 09:00, 12, 20, 9, 0" })
	void exactTimes(String text, int month, int day, int hour, int minute) {
		exact(text, at(month, day, hour, minute));
	}

	@Test
	void aDayWithoutAnHourIsConfirmed() {
		TimeParser.Result r = parse("下周一上午");
		assertThat(r.kind()).isEqualTo(TimeParser.Kind.AMBIGUOUS);
		assertThat(r.best()).isEqualTo(at(12, 7, 9, 0));
		assertThat(parse("tomorrow").kind()).isEqualTo(TimeParser.Kind.AMBIGUOUS);
	}

	@Test
	void anHourWithoutMorningOrAfternoonIsConfirmedWithBothReadings() {
		TimeParser.Result r = parse("明天3点");
		assertThat(r.kind()).isEqualTo(TimeParser.Kind.AMBIGUOUS);
		assertThat(r.candidates()).containsExactly(at(12, 3, 15, 0), at(12, 3, 3, 0));
		TimeParser.Result en = parse("next friday 3pm");
		assertThat(en.kind()).isEqualTo(TimeParser.Kind.AMBIGUOUS);
		assertThat(en.candidates()).containsExactly(at(12, 4, 15, 0), at(12, 11, 15, 0));
	}

	@Test
	void pastTimesAreFlaggedWithASuggestion() {
		TimeParser.Result r = parse("今天上午9点");
		assertThat(r.kind()).isEqualTo(TimeParser.Kind.PAST);
		assertThat(r.candidates()).containsExactly(at(12, 3, 9, 0));
		TimeParser.Result d = parse("2026-11-01 14:30");
		assertThat(d.kind()).isEqualTo(TimeParser.Kind.PAST);
		assertThat(d.candidates()).isEmpty();
	}

	@Test
	void textThatIsNotATimeIsNotParsed() {
		assertThat(TimeParser.parse("回访报价", NOW)).isEmpty();
		assertThat(TimeParser.parse("call back", NOW)).isEmpty();
		assertThat(TimeParser.parse("25点", NOW)).isEmpty();
		assertThat(TimeParser.parse("2026-02-30 10:00", NOW)).isEmpty();
	}

}
