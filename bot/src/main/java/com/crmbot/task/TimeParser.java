package com.crmbot.task;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.text.Lexicon;

/**
 * Reads times as people write them, in Chinese and English: 明天下午3点, 下周一上午, 3天后, 今晚8点,
 * 2026-12-01 14:30, tomorrow 9am, in 2 hours, next friday 3pm. The whole text must be a
 * time expression. Nothing is silently guessed: a time without an hour, an hour without
 * 上午/下午 (am/pm), or "next monday" comes back {@link Kind#AMBIGUOUS} with its readings,
 * most likely first; a time already past comes back {@link Kind#PAST} (with tomorrow's
 * reading when only a time of day was given).
 */
@Lexicon("time words")
public final class TimeParser {

	/** How sure the reading is. */
	public enum Kind {

		EXACT, AMBIGUOUS, PAST

	}

	/**
	 * A reading.
	 *
	 * @param kind exact, ambiguous or past
	 * @param candidates the readings, most likely first (for PAST: the suggested
	 * alternatives, possibly none)
	 */
	public record Result(Kind kind, List<ZonedDateTime> candidates) {

		public ZonedDateTime best() {
			return candidates.isEmpty() ? null : candidates.get(0);
		}

	}

	private enum Period {

		EARLY(5, false), MORNING(9, false), NOON(12, true), AFTERNOON(14, true), EVENING(20, true);

		final int defaultHour;

		final boolean pm;

		Period(int defaultHour, boolean pm) {
			this.defaultHour = defaultHour;
			this.pm = pm;
		}

	}

	private static final String EN_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun";

	private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})[日号]?");

	private static final Pattern MONTH_DAY = Pattern
		.compile("(\\d{1,2})月(\\d{1,2})[日号]?|(\\d{1,2})/(\\d{1,2})(?![\\d:])");

	private static final Pattern DAY_WORD = Pattern
		.compile("大后天|后天|明天|明日|今天|今日|day after tomorrow|tomorrow|today|今晚|明晚|今早|明早|tonight");

	private static final Pattern ZH_WEEKDAY = Pattern.compile("(下下个?|下个?|这个?|本)?(?:周|星期|礼拜)([1-7日天])");

	private static final Pattern EN_WEEKDAY = Pattern.compile("(next|this|coming)?\\s*(" + EN_DAYS + ")\\b");

	private static final Pattern ZH_RELATIVE = Pattern.compile("(\\d+|半)\\s*个?(天|日|小时|钟头|分钟|分|周|星期|礼拜)半?(?:之后|以后|后)");

	private static final Pattern EN_RELATIVE = Pattern.compile(
			"in\\s+(\\d+|an?|half an)\\s*(minutes?|mins?|hours?|hrs?|days?|weeks?)\\b|(\\d+)\\s*(minutes?|mins?|hours?|hrs?|days?|weeks?)\\s+(?:later|from now)");

	private static final Pattern PERIOD = Pattern.compile(
			"上午|早上|早晨|清晨|早|中午|下午|午后|傍晚|晚上|夜里|夜晚|晚|凌晨|in the morning|in the afternoon|in the evening|morning|afternoon|evening|noon|midnight");

	private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})[:：](\\d{2})\\s*(am|pm|a\\.m\\.|p\\.m\\.)?");

	private static final Pattern EN_HOUR = Pattern.compile("(\\d{1,2})\\s*(am|pm|a\\.m\\.|p\\.m\\.|o'clock)");

	private static final Pattern ZH_HOUR = Pattern.compile("(\\d{1,2})\\s*[点點时](半|整|1刻|3刻|(\\d{1,2})分?)?");

	private static final Pattern BARE_HOUR = Pattern.compile("(\\d{1,2})(?![\\d:])");

	private static final Pattern FILLER = Pattern.compile("\\s+|at\\b|on\\b|the\\b|by\\b|,|，|的|于|在");

	private TimeParser() {
	}

	/**
	 * What one recognised piece of text does to the reading.
	 */
	@FunctionalInterface
	private interface Step {

		/**
		 * @return false when the piece makes the whole text no time expression
		 */
		boolean apply(Matcher m, State st, ZonedDateTime now);

	}

	/**
	 * A piece of a time expression: its pattern, when it may apply (e.g. only one date
	 * per text), and what it does. Tried in order at each position; the first that
	 * applies and matches wins.
	 */
	private record Rule(Pattern pattern, Predicate<State> when, Step step) {

	}

	private static final List<Rule> RULES = List.of(new Rule(FILLER, (st) -> true, TimeParser::filler),
			new Rule(ISO_DATE, (st) -> st.date == null, TimeParser::isoDate),
			new Rule(MONTH_DAY, (st) -> st.date == null, TimeParser::monthDay),
			new Rule(ZH_RELATIVE, (st) -> true, TimeParser::relative),
			new Rule(EN_RELATIVE, (st) -> true, TimeParser::relative),
			new Rule(DAY_WORD, (st) -> st.date == null, TimeParser::dayWord),
			new Rule(ZH_WEEKDAY, (st) -> st.date == null, TimeParser::zhWeekday),
			new Rule(EN_WEEKDAY, (st) -> st.date == null, TimeParser::enWeekday),
			new Rule(CLOCK, (st) -> st.hour == null, TimeParser::clock),
			new Rule(EN_HOUR, (st) -> st.hour == null, TimeParser::enHour),
			new Rule(ZH_HOUR, (st) -> st.hour == null, TimeParser::zhHour),
			new Rule(PERIOD, (st) -> st.period == null || st.hour == null, TimeParser::period),
			new Rule(BARE_HOUR, (st) -> st.afterAt && st.hour == null, TimeParser::bareHour));

	/**
	 * Parse {@code text} relative to {@code now}; empty when it is not a time expression.
	 */
	public static Optional<Result> parse(String text, ZonedDateTime now) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		String s = normalize(text);
		State st = new State();
		int pos = 0;
		while (pos < s.length()) {
			Matcher m = null;
			Rule rule = null;
			for (Rule r : RULES) {
				if (r.when().test(st) && (m = at(r.pattern(), s, pos)) != null) {
					rule = r;
					break;
				}
			}
			if (rule == null) {
				return Optional.empty();
			}
			st.afterAt = false;
			if (!rule.step().apply(m, st, now)) {
				return Optional.empty();
			}
			pos = m.end();
		}
		return resolve(st, now);
	}

	private static boolean filler(Matcher m, State st, ZonedDateTime now) {
		st.afterAt = m.group().equals("at");
		return true;
	}

	private static boolean bareHour(Matcher m, State st, ZonedDateTime now) {
		st.hour = Integer.parseInt(m.group(1));
		st.minute = 0;
		return true;
	}

	private static boolean isoDate(Matcher m, State st, ZonedDateTime now) {
		try {
			st.date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
					Integer.parseInt(m.group(3)));
		}
		catch (java.time.DateTimeException ex) {
			return false;
		}
		st.explicitYear = true;
		return true;
	}

	private static boolean monthDay(Matcher m, State st, ZonedDateTime now) {
		int mo = Integer.parseInt((m.group(1) != null) ? m.group(1) : m.group(3));
		int d = Integer.parseInt((m.group(2) != null) ? m.group(2) : m.group(4));
		try {
			st.date = LocalDate.of(now.getYear(), mo, d);
		}
		catch (java.time.DateTimeException ex) {
			return false;
		}
		return true;
	}

	private static boolean relative(Matcher m, State st, ZonedDateTime now) {
		Duration d = relative(m);
		if (d == null || st.relative != null) {
			return false;
		}
		st.relative = d;
		return true;
	}

	private static boolean dayWord(Matcher m, State st, ZonedDateTime now) {
		String w = m.group();
		int offset = switch (w) {
			case "大后天" -> 3;
			case "后天", "day after tomorrow" -> 2;
			case "明天", "明日", "tomorrow", "明晚", "明早" -> 1;
			default -> 0;
		};
		st.date = now.toLocalDate().plusDays(offset);
		if (w.endsWith("晚") || w.equals("tonight")) {
			st.period = Period.EVENING;
		}
		else if (w.endsWith("早")) {
			st.period = Period.MORNING;
		}
		return true;
	}

	private static boolean zhWeekday(Matcher m, State st, ZonedDateTime now) {
		DayOfWeek dow = zhDay(m.group(2));
		String prefix = (m.group(1) != null) ? m.group(1) : "";
		LocalDate monday = now.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		if (prefix.startsWith("下下")) {
			st.date = monday.plusWeeks(2).with(TemporalAdjusters.nextOrSame(dow));
		}
		else if (prefix.startsWith("下")) {
			st.date = monday.plusWeeks(1).with(TemporalAdjusters.nextOrSame(dow));
		}
		else if (!prefix.isEmpty()) {
			st.date = monday.with(TemporalAdjusters.nextOrSame(dow));
		}
		else {
			st.date = now.toLocalDate().with(TemporalAdjusters.nextOrSame(dow));
			st.upcomingWeekday = true;
		}
		return true;
	}

	private static boolean enWeekday(Matcher m, State st, ZonedDateTime now) {
		DayOfWeek dow = enDay(m.group(2));
		LocalDate upcoming = now.toLocalDate().with(TemporalAdjusters.next(dow));
		if ("next".equals(m.group(1))) {
			// "next friday": the coming one, or the one in next week? Ask.
			LocalDate nextWeek = now.toLocalDate()
				.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
				.plusWeeks(1)
				.with(TemporalAdjusters.nextOrSame(dow));
			st.date = upcoming;
			if (!nextWeek.equals(upcoming)) {
				st.altDate = nextWeek;
			}
		}
		else {
			st.date = now.toLocalDate().with(TemporalAdjusters.nextOrSame(dow));
			st.upcomingWeekday = true;
		}
		return true;
	}

	private static boolean clock(Matcher m, State st, ZonedDateTime now) {
		st.hour = Integer.parseInt(m.group(1));
		st.minute = Integer.parseInt(m.group(2));
		st.leadingZero = m.group(1).length() == 2; // "09:30" / "10:30": 24-hour notation
		if (m.group(3) != null) {
			st.ampm = m.group(3).startsWith("p") ? Boolean.TRUE : Boolean.FALSE;
		}
		return true;
	}

	private static boolean enHour(Matcher m, State st, ZonedDateTime now) {
		st.hour = Integer.parseInt(m.group(1));
		st.minute = 0;
		if (!m.group(2).equals("o'clock")) {
			st.ampm = m.group(2).startsWith("p") ? Boolean.TRUE : Boolean.FALSE;
		}
		return true;
	}

	private static boolean zhHour(Matcher m, State st, ZonedDateTime now) {
		st.hour = Integer.parseInt(m.group(1));
		String rest = m.group(2);
		st.minute = (rest == null || rest.equals("整")) ? 0 : rest.equals("半") ? 30
				: rest.equals("1刻") ? 15 : rest.equals("3刻") ? 45 : Integer.parseInt(m.group(3));
		return true;
	}

	private static boolean period(Matcher m, State st, ZonedDateTime now) {
		String w = m.group();
		if (w.equals("midnight")) {
			st.date = (st.date != null) ? st.date : now.toLocalDate();
			st.date = st.date.plusDays(1);
			st.hour = 0;
			st.minute = 0;
			st.leadingZero = true;
		}
		else if (w.equals("noon")) {
			st.hour = 12;
			st.minute = 0;
		}
		else {
			st.period = period(w);
		}
		return true;
	}

	private static Optional<Result> resolve(State st, ZonedDateTime now) {
		if (st.relative != null) {
			if (st.date != null || st.hour != null || st.period != null) {
				return Optional.empty();
			}
			return Optional.of(new Result(Kind.EXACT, List.of(now.plus(st.relative).truncatedTo(ChronoUnit.MINUTES))));
		}
		if (st.date == null && st.hour == null && st.period == null) {
			return Optional.empty();
		}
		if (st.hour != null && (st.hour > 24 || st.minute > 59 || (st.hour == 24 && st.minute > 0))) {
			return Optional.empty();
		}
		boolean ambiguous = false;
		List<Integer> hours = new ArrayList<>();
		int minute = (st.minute != null) ? st.minute : 0;
		if (st.hour == null) {
			Period p = (st.period != null) ? st.period : Period.MORNING;
			hours.add(p.defaultHour);
			ambiguous = true; // a day or part of day without an hour: confirm the hour we
								// took
		}
		else if (st.ampm != null) {
			if (st.hour < 1 || st.hour > 12) {
				return Optional.empty();
			}
			hours.add(st.ampm ? (st.hour % 12) + 12 : st.hour % 12);
		}
		else if (st.period != null) {
			int h = st.hour;
			if (st.period.pm && h < 12 && !(st.period == Period.NOON && h >= 11)) {
				h += 12;
			}
			if (st.period == Period.EVENING && st.hour == 12) {
				h = 0; // 晚上12点: midnight
			}
			if (!st.period.pm && h == 12) {
				h = 0; // 凌晨12点
			}
			hours.add(h % 24);
		}
		else if (st.hour == 0 || st.hour >= 12 || st.leadingZero) {
			hours.add(st.hour % 24);
		}
		else {
			// 3点 / 9:30 / at 5: morning or afternoon? working hours decide the order
			int h = st.hour;
			if (h >= 8) {
				hours.add(h);
				hours.add(h + 12);
			}
			else {
				hours.add(h + 12);
				hours.add(h);
			}
			ambiguous = true;
		}
		LocalDate date = (st.date != null) ? st.date : now.toLocalDate();
		List<LocalDate> dates = new ArrayList<>(List.of(date));
		if (st.altDate != null) {
			dates.add(st.altDate);
			ambiguous = true;
		}
		List<ZonedDateTime> candidates = new ArrayList<>();
		for (LocalDate d : dates) {
			for (int h : hours) {
				LocalDate dd = d;
				int hh = h;
				if (st.period == Period.EVENING && st.hour != null && st.hour == 12) {
					dd = d.plusDays(1);
					hh = 0;
				}
				candidates.add(ZonedDateTime.of(dd, LocalTime.of(hh, minute), now.getZone()));
			}
		}
		List<ZonedDateTime> future = candidates.stream().filter((c) -> c.isAfter(now)).toList();
		if (future.isEmpty()) {
			List<ZonedDateTime> alternatives = new ArrayList<>();
			if (st.date == null || st.date.equals(now.toLocalDate())) {
				candidates.forEach((c) -> alternatives.add(c.plusDays(1)));
			}
			else if (st.upcomingWeekday) {
				candidates.forEach((c) -> alternatives.add(c.plusWeeks(1)));
			}
			else if (!st.explicitYear && st.date.isBefore(now.toLocalDate())) {
				candidates.forEach((c) -> alternatives.add(c.plusYears(1)));
			}
			return Optional.of(new Result(Kind.PAST, alternatives));
		}
		return Optional.of(new Result(ambiguous ? Kind.AMBIGUOUS : Kind.EXACT, future));
	}

	private static Matcher at(Pattern p, String s, int pos) {
		Matcher m = p.matcher(s);
		m.region(pos, s.length());
		return (m.lookingAt() && m.end() > pos) ? m : null;
	}

	private static Duration relative(Matcher m) {
		String n;
		String unit;
		if (m.pattern() == ZH_RELATIVE) {
			n = m.group(1);
			unit = m.group(2);
			boolean half = m.group().contains("半") && !n.equals("半");
			Duration base = switch (unit) {
				case "天", "日" -> Duration.ofDays(1);
				case "小时", "钟头" -> Duration.ofHours(1);
				case "分钟", "分" -> Duration.ofMinutes(1);
				default -> Duration.ofDays(7);
			};
			if (n.equals("半")) {
				return base.dividedBy(2);
			}
			Duration d = base.multipliedBy(Long.parseLong(n));
			return half ? d.plus(base.dividedBy(2)) : d;
		}
		n = (m.group(1) != null) ? m.group(1) : m.group(3);
		unit = (m.group(2) != null) ? m.group(2) : m.group(4);
		Duration base = unit.startsWith("min") ? Duration.ofMinutes(1) : unit.startsWith("h") ? Duration.ofHours(1)
				: unit.startsWith("d") ? Duration.ofDays(1) : Duration.ofDays(7);
		if (n.equals("half an")) {
			return base.dividedBy(2);
		}
		long count = (n.equals("a") || n.equals("an")) ? 1 : Long.parseLong(n);
		return base.multipliedBy(count);
	}

	private static Period period(String w) {
		return switch (w) {
			case "凌晨" -> Period.EARLY;
			case "中午" -> Period.NOON;
			case "下午", "午后", "afternoon", "in the afternoon" -> Period.AFTERNOON;
			case "傍晚", "晚上", "夜里", "夜晚", "晚", "evening", "in the evening" -> Period.EVENING;
			default -> Period.MORNING;
		};
	}

	private static DayOfWeek zhDay(String d) {
		return switch (d) {
			case "日", "天", "7" -> DayOfWeek.SUNDAY;
			default -> DayOfWeek.of(Integer.parseInt(d));
		};
	}

	private static DayOfWeek enDay(String d) {
		for (DayOfWeek dow : DayOfWeek.values()) {
			if (dow.name().toLowerCase(Locale.ROOT).startsWith(d.substring(0, 3))) {
				return dow;
			}
		}
		throw new IllegalArgumentException(d);
	}

	/** Lower case, ASCII digits and colon, Chinese numerals as digits. */
	static String normalize(String text) {
		StringBuilder sb = new StringBuilder();
		for (char ch : text.strip().toCharArray()) {
			if (ch >= '０' && ch <= '９') {
				sb.append((char) ('0' + (ch - '０')));
			}
			else if (ch == '：') {
				sb.append(':');
			}
			else if (ch == '\u3000') {
				sb.append(' ');
			}
			else {
				sb.append(Character.toLowerCase(ch));
			}
		}
		return zhNumerals(sb.toString());
	}

	private static final Pattern ZH_NUM = Pattern.compile("[零一二两三四五六七八九十]+");

	private static String zhNumerals(String s) {
		Matcher m = ZH_NUM.matcher(s);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			// keep 星期一 / 周一 / 礼拜一 as weekday digits too: the weekday pattern accepts 1-7
			m.appendReplacement(out, Integer.toString(zhValue(m.group())));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static int zhValue(String z) {
		int total = 0;
		int cur = 0;
		for (char ch : z.toCharArray()) {
			int d = "零一二三四五六七八九".indexOf(ch);
			if (ch == '两') {
				d = 2;
			}
			if (ch == '十') {
				total += ((cur == 0) ? 1 : cur) * 10;
				cur = 0;
			}
			else {
				cur = cur * 10 + Math.max(d, 0);
			}
		}
		return total + cur;
	}

	private static final class State {

		LocalDate date;

		LocalDate altDate;

		boolean explicitYear;

		boolean upcomingWeekday;

		Duration relative;

		Integer hour;

		Integer minute;

		boolean leadingZero;

		Boolean ampm;

		Period period;

		/** The previous piece was "at": a bare number is an hour ("at 5"). */
		boolean afterAt;

	}

}
