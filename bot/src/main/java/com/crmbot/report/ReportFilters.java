package com.crmbot.report;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.config.OrgConfig;
import com.crmbot.report.ReportFilter.Dimension;
import com.crmbot.report.ReportFilter.Range;
import com.crmbot.template.TemplateService;
import com.crmbot.text.Lexicon;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads filter words ({@code 本月 部门:华东销售部 阶段:方案 2026-01-01~2026-03-31 重置}), remembers each
 * user's filters in the store, resolves date ranges with the injected clock in the
 * configured time zone, and describes filters in the user's language.
 */
@Component
public class ReportFilters {

	@Lexicon("date ranges")
	private static final Pattern CUSTOM = Pattern
		.compile("(\\d{4}-\\d{1,2}-\\d{1,2})\\s*(?:~|～|至|到|\\.\\.)\\s*(\\d{4}-\\d{1,2}-\\d{1,2})");

	private static final Pattern KEY_VALUE = Pattern.compile("([^:：=]+)[:：=](.+)");

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final Clock clock;

	private final TemplateService templates;

	ReportFilters(MongoTemplate mongo, ConfigService config, Clock clock, TemplateService templates) {
		this.mongo = mongo;
		this.config = config;
		this.clock = clock;
		this.templates = templates;
	}

	/** The user's remembered filters (the defaults when none). */
	public ReportFilter of(String userId) {
		ReportFilter f = mongo.findById(userId, ReportFilter.class);
		return (f != null) ? f : ReportFilter.defaults(userId);
	}

	public void save(ReportFilter f) {
		mongo.save(f);
	}

	/**
	 * Apply filter words to the remembered filters. Returns the new filters, or the word
	 * that could not be read.
	 */
	@Lexicon("report filter words")
	public Parsed apply(ReportFilter current, List<String> words) {
		ReportFilter f = current;
		for (String raw : words) {
			String w = raw.trim();
			if (w.isEmpty()) {
				continue;
			}
			Matcher custom = CUSTOM.matcher(w);
			if (custom.matches()) {
				try {
					LocalDate from = LocalDate.parse(pad(custom.group(1)));
					LocalDate to = LocalDate.parse(pad(custom.group(2)));
					if (to.isBefore(from)) {
						return Parsed.bad(w);
					}
					f = new ReportFilter(f.userId(), Range.CUSTOM, from, to, f.department(), f.owner(), f.stage(),
							f.source(), f.tag());
					continue;
				}
				catch (DateTimeParseException ex) {
					return Parsed.bad(w);
				}
			}
			Optional<Range> range = range(w);
			if (range.isPresent()) {
				f = new ReportFilter(f.userId(), range.get(), null, null, f.department(), f.owner(), f.stage(),
						f.source(), f.tag());
				continue;
			}
			if (List.of("重置", "reset", "清除").contains(w.toLowerCase(Locale.ROOT))) {
				f = ReportFilter.defaults(f.userId());
				continue;
			}
			Matcher kv = KEY_VALUE.matcher(w);
			if (!kv.matches()) {
				return Parsed.bad(w);
			}
			String key = kv.group(1).trim().toLowerCase(Locale.ROOT);
			String value = kv.group(2).trim();
			boolean clear = List.of("全部", "all", "*").contains(value.toLowerCase(Locale.ROOT));
			AdminConfig cfg = config.get();
			switch (key) {
				case "部门", "department", "dept" -> {
					String id = null;
					if (!clear) {
						id = cfg.org()
							.departments()
							.stream()
							.filter((d) -> d.id().equalsIgnoreCase(value) || value.equals(d.name()))
							.map(OrgConfig.Department::id)
							.findFirst()
							.orElse(null);
						if (id == null) {
							return Parsed.bad(w);
						}
					}
					f = new ReportFilter(f.userId(), f.range(), f.from(), f.to(), id, f.owner(), f.stage(), f.source(),
							f.tag());
				}
				case "负责人", "销售", "owner" -> {
					String id = null;
					if (!clear) {
						id = cfg.org()
							.users()
							.stream()
							.filter((u) -> u.id().equalsIgnoreCase(value) || value.equals(u.name()))
							.map(OrgConfig.User::id)
							.findFirst()
							.orElse(null);
						if (id == null) {
							return Parsed.bad(w);
						}
					}
					f = new ReportFilter(f.userId(), f.range(), f.from(), f.to(), f.department(), id, f.stage(),
							f.source(), f.tag());
				}
				case "阶段", "stage" -> {
					String id = null;
					if (!clear) {
						id = cfg.customers()
							.stages()
							.stream()
							.filter((s) -> s.id().equalsIgnoreCase(value) || value.equals(s.label()))
							.map(CustomerConfig.Stage::id)
							.findFirst()
							.orElse(null);
						if (id == null) {
							return Parsed.bad(w);
						}
					}
					f = new ReportFilter(f.userId(), f.range(), f.from(), f.to(), f.department(), f.owner(), id,
							f.source(), f.tag());
				}
				case "来源", "source" -> f = new ReportFilter(f.userId(), f.range(), f.from(), f.to(), f.department(),
						f.owner(), f.stage(), clear ? null : value, f.tag());
				case "标签", "tag" -> f = new ReportFilter(f.userId(), f.range(), f.from(), f.to(), f.department(),
						f.owner(), f.stage(), f.source(), clear ? null : value);
				default -> {
					return Parsed.bad(w);
				}
			}
		}
		return new Parsed(f, null);
	}

	private static String pad(String date) {
		String[] p = date.split("-");
		return String.format("%s-%02d-%02d", p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]));
	}

	@Lexicon("date range words")
	static Optional<Range> range(String w) {
		return switch (w.toLowerCase(Locale.ROOT)) {
			case "本周", "这周", "week", "this-week" -> Optional.of(Range.THIS_WEEK);
			case "本月", "这个月", "month", "this-month" -> Optional.of(Range.THIS_MONTH);
			case "本季度", "这季度", "quarter", "this-quarter" -> Optional.of(Range.THIS_QUARTER);
			case "最近30天", "近30天", "30天", "30d", "last-30-days" -> Optional.of(Range.LAST_30_DAYS);
			case "全部时间", "所有时间", "all-time" -> Optional.of(Range.ALL);
			default -> Optional.empty();
		};
	}

	/** The zone reports count days in. */
	public ZoneId zone() {
		return ZoneId.of(config.get().workflow().timezone());
	}

	/** The instant range [from, to) of a filter, either end null when open. */
	public Window window(ReportFilter f) {
		ZoneId zone = zone();
		Instant now = clock.instant();
		LocalDate today = LocalDate.ofInstant(now, zone);
		return switch (f.range()) {
			case THIS_WEEK -> new Window(
					today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant(),
					null);
			case THIS_MONTH -> new Window(today.withDayOfMonth(1).atStartOfDay(zone).toInstant(), null);
			case THIS_QUARTER -> new Window(today.withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1)
				.withDayOfMonth(1)
				.atStartOfDay(zone)
				.toInstant(), null);
			case LAST_30_DAYS -> new Window(now.minus(java.time.Duration.ofDays(30)), null);
			case CUSTOM ->
				new Window(f.from().atStartOfDay(zone).toInstant(), f.to().plusDays(1).atStartOfDay(zone).toInstant());
			case ALL -> new Window(null, null);
		};
	}

	/** One filter dimension as the user reads it, e.g. {@code 部门=华东销售部}. */
	public String describe(ReportFilter f, Dimension d, String locale) {
		TemplateService.Labels words = templates.labels(locale, "report-filter-words", java.util.Map.of());
		AdminConfig cfg = config.get();
		return switch (d) {
			case RANGE -> rangeLabel(f, locale);
			case DEPARTMENT -> words.get("department") + "="
					+ cfg.org()
						.departments()
						.stream()
						.filter((x) -> x.id().equals(f.department()))
						.map(OrgConfig.Department::name)
						.findFirst()
						.orElse(f.department());
			case OWNER -> words.get("owner") + "=" + cfg.user(f.owner()).map(OrgConfig.User::name).orElse(f.owner());
			case STAGE -> words.get("stage") + "=" + f.stage();
			case SOURCE -> words.get("source") + "=" + f.source();
			case TAG -> words.get("tag") + "=" + f.tag();
		};
	}

	/** All active filters, joined. */
	public String describe(ReportFilter f, String locale) {
		List<Dimension> dims = new java.util.ArrayList<>(f.active());
		if (!dims.contains(Dimension.RANGE)) {
			dims.add(Dimension.RANGE);
		}
		java.util.Collections.reverse(dims);
		return String.join(" · ", dims.stream().map((d) -> describe(f, d, locale)).toList());
	}

	String rangeLabel(ReportFilter f, String locale) {
		if (f.range() == Range.CUSTOM) {
			return f.from() + "~" + f.to();
		}
		return templates.labels(locale, "report-filter-words", java.util.Map.of())
			.get("range-" + f.range().name().toLowerCase(Locale.ROOT));
	}

	/**
	 * Filters after applying words: the filters, or the unreadable word.
	 *
	 * @param filter the new filters (null when a word was bad)
	 * @param badWord the word that could not be read
	 */
	public record Parsed(ReportFilter filter, String badWord) {

		static Parsed bad(String w) {
			return new Parsed(null, w);
		}

	}

	/**
	 * A time window.
	 *
	 * @param from inclusive start, or null
	 * @param to exclusive end, or null
	 */
	public record Window(Instant from, Instant to) {
	}

}
