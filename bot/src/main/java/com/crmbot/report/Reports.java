package com.crmbot.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Actor;
import com.crmbot.approval.ApprovalService;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.connector.Reply;
import com.crmbot.template.TemplateService;
import com.crmbot.text.Lexicon;

import org.springframework.stereotype.Service;

/**
 * Runs a report for a user: applies and remembers their filter words, explains an empty
 * result by the filter that emptied it, renders the chart and the short reading in their
 * language. Used by the chat commands, the dashboard and the weekly review.
 */
@Service
public class Reports {

	private final ReportService service;

	private final ReportFilters filters;

	private final ChartRenderer charts;

	private final RegionMap map;

	private final ChartStore store;

	private final TemplateService templates;

	private final ConfigService config;

	Reports(ReportService service, ReportFilters filters, ChartRenderer charts, RegionMap map, ChartStore store,
			TemplateService templates, ConfigService config) {
		this.service = service;
		this.filters = filters;
		this.charts = charts;
		this.map = map;
		this.store = store;
		this.templates = templates;
		this.config = config;
	}

	/** The reports. */
	public enum Kind {

		FUNNEL("funnel"), INDUSTRY("industry"), REGION("region"), CORRELATION("correlation");

		final String command;

		Kind(String command) {
			this.command = command;
		}

		@Lexicon("report names")
		public static Optional<Kind> of(String s) {
			return switch (s.toLowerCase(Locale.ROOT)) {
				case "funnel", "漏斗" -> Optional.of(FUNNEL);
				case "industry", "行业" -> Optional.of(INDUSTRY);
				case "region", "地区", "区域" -> Optional.of(REGION);
				case "correlation", "相关性", "跟进" -> Optional.of(CORRELATION);
				default -> Optional.empty();
			};
		}

	}

	/**
	 * A report's outcome.
	 *
	 * @param text the reading (or the explanation of an empty result, or the bad filter)
	 * @param chartId the stored chart (null when there is none)
	 * @param chartPath its file, for the connectors to upload
	 * @param filter the filters used (null when a filter word was bad)
	 */
	public record Result(String text, String chartId, String chartPath, ReportFilter filter) {

		public Reply reply() {
			return new Reply(text, Reply.Format.TEXT, null, List.of(), chartPath);
		}

	}

	/** Apply filter words (remembered) and run a report. */
	public Result run(Kind kind, Actor actor, List<String> words) {
		String locale = actor.locale();
		ReportFilter current = filters.of(actor.id());
		ReportFilters.Parsed parsed = filters.apply(current, words);
		if (parsed.filter() == null) {
			return new Result(t(locale, "report-bad-filter", Map.of("word", parsed.badWord())), null, null, null);
		}
		ReportFilter f = parsed.filter();
		if (!f.equals(current)) {
			filters.save(f);
		}
		return run(kind, actor, f);
	}

	/** The report's command as users of the language type it (/漏斗, /funnel). */
	private String command(Kind kind, String locale) {
		TemplateService.CommandWords w = templates.command(locale, kind.command);
		return "/" + (w.aliases().isEmpty() ? kind.command : w.aliases().get(0));
	}

	/**
	 * Run a report with given filters (not remembered). The report's own pass tells
	 * whether anything is in scope; only an empty one asks which filter emptied it.
	 */
	public Result run(Kind kind, Actor actor, ReportFilter f) {
		String desc = filters.describe(f, actor.locale());
		return switch (kind) {
			case FUNNEL -> {
				ReportService.Funnel fn = service.funnel(actor, f);
				yield (fn.total() == 0) ? empty(kind, actor, f, desc) : funnel(actor, f, desc, fn);
			}
			case INDUSTRY -> {
				List<ReportService.Share> rows = service.share(actor, f, "industry");
				yield rows.isEmpty() ? empty(kind, actor, f, desc) : industry(actor, f, desc, rows);
			}
			case REGION -> {
				List<ReportService.Share> rows = service.share(actor, f, "region");
				yield rows.isEmpty() ? empty(kind, actor, f, desc) : region(actor, f, desc, rows);
			}
			case CORRELATION -> {
				ReportService.Correlation c = service.correlation(actor, f);
				yield (c.customers() == 0) ? empty(kind, actor, f, desc) : correlation(actor, f, desc, c);
			}
		};
	}

	private Result empty(Kind kind, Actor actor, ReportFilter f, String desc) {
		String locale = actor.locale();
		ReportService.Emptied e = service.emptied(actor, f);
		String text = (e.dimension() != null)
				? t(locale, "report-empty",
						Map.of("filter", filters.describe(f, e.dimension(), locale), "count", e.without(), "filters",
								desc, "command", command(kind, locale)))
				: t(locale, "report-empty-scope", Map.of("filters", desc, "command", command(kind, locale)));
		return new Result(text, null, null, f);
	}

	private Result funnel(Actor actor, ReportFilter f, String desc, ReportService.Funnel fn) {
		String locale = actor.locale();
		StringBuilder lines = new StringBuilder();
		List<String> names = new ArrayList<>();
		List<Long> reached = new ArrayList<>();
		List<Long> current = new ArrayList<>();
		for (ReportService.FunnelStage s : fn.stages()) {
			String conv = (s.conversionToNext() != null)
					? t(locale, "report-funnel-conversion", Map.of("percent", pct(s.conversionToNext()))) : "";
			String days = (s.avgDays() != null)
					? t(locale, "report-funnel-days", Map.of("days", String.format("%.1f", s.avgDays()))) : "";
			lines
				.append(t(locale, "report-funnel-stage",
						Map.of("stage", stageName(s.stage()), "current", s.current(), "reached", s.reached(),
								"conversion", conv, "days", days)))
				.append('\n');
			names.add(stageName(s.stage()));
			reached.add(s.reached());
			current.add(s.current());
		}
		StringBuilder alerts = new StringBuilder();
		for (ReportService.Alert a : fn.alerts()) {
			alerts
				.append(t(locale, "report-funnel-alert", Map.of("from", stageName(a.from()), "to", stageName(a.to()),
						"percent", pct(a.percent()), "threshold", pct(a.threshold()))))
				.append('\n');
		}
		if (alerts.isEmpty()) {
			alerts.append(t(locale, "report-funnel-ok", Map.of()));
		}
		String text = t(locale, "report-funnel",
				Map.of("filters", desc, "total", fn.total(), "won", fn.won(), "wonAmount",
						ApprovalService.money(fn.wonAmount()), "lost", fn.lost(), "stages", lines.toString().strip(),
						"alerts", alerts.toString().strip()));
		byte[] png = charts.funnel(t(locale, "chart-funnel-title", Map.of("filters", desc)), names, reached, current,
				t(locale, "chart-reached", Map.of()), t(locale, "chart-current", Map.of()));
		return chart(actor, text, png, f);
	}

	private Result industry(Actor actor, ReportFilter f, String desc, List<ReportService.Share> rows) {
		String locale = actor.locale();
		StringBuilder lines = new StringBuilder();
		List<String> labels = new ArrayList<>();
		List<Long> values = new ArrayList<>();
		long total = 0;
		for (ReportService.Share s : rows) {
			String name = (s.key() != null) ? config.get().industryLabel(s.key()) : t(locale, "report-unset", Map.of());
			lines
				.append(t(locale, "report-share-row", Map.of("name", name, "customers", s.customers(), "percent",
						pct(s.percent()), "won", s.won(), "amount", ApprovalService.money(s.amount()))))
				.append('\n');
			labels.add(name);
			values.add(s.customers());
			total += s.customers();
		}
		String text = t(locale, "report-industry",
				Map.of("filters", desc, "total", total, "rows", lines.toString().strip()));
		return chart(actor, text,
				charts.pie(t(locale, "chart-industry-title", Map.of("filters", desc)), labels, values), f);
	}

	private Result region(Actor actor, ReportFilter f, String desc, List<ReportService.Share> rows) {
		String locale = actor.locale();
		Map<String, long[]> byProvince = new LinkedHashMap<>();
		for (ReportService.Share s : rows) {
			String p = map.province(s.key());
			String key = (p != null) ? p : t(locale, "report-unset", Map.of());
			long[] v = byProvince.computeIfAbsent(key, (k) -> new long[3]);
			v[0] += s.customers();
			v[1] += s.won();
			v[2] += s.amount();
		}
		List<Map.Entry<String, long[]>> sorted = new ArrayList<>(byProvince.entrySet());
		sorted.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
		StringBuilder lines = new StringBuilder();
		Map<String, Double> values = new LinkedHashMap<>();
		Map<String, String> labels = new LinkedHashMap<>();
		long total = 0;
		for (Map.Entry<String, long[]> e : sorted) {
			long[] v = e.getValue();
			double rate = (v[0] > 0) ? 100.0 * v[1] / v[0] : 0;
			lines
				.append(t(locale, "report-region-row", Map.of("name", e.getKey(), "customers", v[0], "won", v[1],
						"rate", pct(rate), "amount", ApprovalService.money(v[2]))))
				.append('\n');
			values.put(e.getKey(), (double) v[0]);
			labels.put(e.getKey(), v[0] + " · " + pct(rate) + "%");
			total += v[0];
		}
		String text = t(locale, "report-region",
				Map.of("filters", desc, "total", total, "rows", lines.toString().strip()));
		byte[] png = map.draw(t(locale, "chart-region-title", Map.of("filters", desc)), values, labels,
				t(locale, "chart-region-legend", Map.of()));
		return chart(actor, text, png, f);
	}

	private Result correlation(Actor actor, ReportFilter f, String desc, ReportService.Correlation c) {
		String locale = actor.locale();
		StringBuilder lines = new StringBuilder();
		long highN = 0;
		long highWon = 0;
		long lowN = 0;
		long lowWon = 0;
		for (ReportService.BucketRow b : c.buckets()) {
			lines
				.append(t(locale, "report-bucket-row", Map.of("bucket", b.bucket().label, "customers", b.customers(),
						"won", b.won(), "rate", pct(b.winRate()), "amount", ApprovalService.money(b.amount()))))
				.append('\n');
			if (b.bucket().ordinal() >= ReportService.Bucket.MANY.ordinal()) {
				highN += b.customers();
				highWon += b.won();
			}
			else {
				lowN += b.customers();
				lowWon += b.won();
			}
		}
		String reading = t(locale, "report-correlation-reading",
				Map.of("high", (highN > 0) ? pct(100.0 * highWon / highN) : "-", "highCount", highN, "low",
						(lowN > 0) ? pct(100.0 * lowWon / lowN) : "-", "lowCount", lowN));
		String text = t(locale, "report-correlation",
				Map.of("filters", desc, "customers", c.customers(), "won", c.won(), "rho", rho(c.spearmanAmount()),
						"strength", strength(locale, c.spearmanAmount()), "rows", lines.toString().strip(), "reading",
						reading));
		byte[] png = charts.scatter(t(locale, "chart-correlation-title", Map.of("rho", rho(c.spearmanAmount()))),
				t(locale, "chart-followups", Map.of()), t(locale, "chart-amount", Map.of()), c.points());
		return chart(actor, text, png, f);
	}

	private Result chart(Actor actor, String text, byte[] png, ReportFilter f) {
		ChartStore.Saved saved = store.save(actor.id(), png);
		return new Result(text, saved.id(), saved.path(), f);
	}

	private String strength(String locale, double rho) {
		if (Double.isNaN(rho)) {
			return t(locale, "report-rho-undefined", Map.of());
		}
		double a = Math.abs(rho);
		String key = (a >= 0.6) ? "report-rho-strong"
				: (a >= 0.3) ? "report-rho-moderate" : (a >= 0.1) ? "report-rho-weak" : "report-rho-none";
		return t(locale, key,
				Map.of("direction", t(locale, (rho >= 0) ? "report-rho-positive" : "report-rho-negative", Map.of())));
	}

	private static String rho(double v) {
		return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
	}

	static String pct(double v) {
		return String.format(Locale.ROOT, "%.1f", v).replaceAll("\\.0$", "");
	}

	private String stageName(String id) {
		return config.get()
			.customers()
			.stages()
			.stream()
			.filter((s) -> s.id().equals(id))
			.map((CustomerConfig.Stage s) -> (s.label() != null) ? s.label() : s.id())
			.findFirst()
			.orElse(id);
	}

	private String t(String locale, String key, Map<String, ?> vars) {
		return templates.reply(locale, key, vars);
	}

}
