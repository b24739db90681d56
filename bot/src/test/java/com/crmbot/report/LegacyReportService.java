package com.crmbot.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.pipeline.StageChange;
import com.crmbot.report.ReportFilter.Dimension;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.ConditionalOperators;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The benchmark's baseline: the report queries as they were before the per-customer
 * counters (a separate count, three scans for the funnel, the correlation grouping every
 * follow-up). Results are {@link ReportService}'s records.
 */

final class LegacyReportService {

	/** The scatter plot shows at most this many points (evenly sampled). */
	static final int SCATTER_MAX = 3000;

	private final MongoTemplate mongo;

	private final ReportScope scope;

	private final ConfigService config;

	LegacyReportService(MongoTemplate mongo, ReportScope scope, ConfigService config) {
		this.mongo = mongo;
		this.scope = scope;
		this.config = config;
		mongo.indexOps(StageChange.class).createIndex(new Index().on("to", Sort.Direction.ASC).named("to_stage"));
		mongo.indexOps(FollowUp.class)
			.createIndex(new Index().on("customerId", Sort.Direction.ASC).named("report_customer"));
	}

	/** How many customers the filters leave (visibility applied). */
	public long count(Actor actor, ReportFilter f) {
		return mongo.count(Query.query(scope.customers(actor, f)), Customer.class);
	}

	/**
	 * When a report is empty: the filter whose removal brings data back, and how much.
	 * Null dimension when even without any single filter nothing is visible.
	 */
	public ReportService.Emptied emptied(Actor actor, ReportFilter f) {
		for (Dimension d : f.active()) {
			long n = count(actor, f.without(d));
			if (n > 0) {
				return new ReportService.Emptied(d, n);
			}
		}
		return new ReportService.Emptied(null, 0);
	}

	// ---- funnel -------------------------------------------------------------------

	public ReportService.Funnel funnel(Actor actor, ReportFilter f) {
		CustomerConfig cc = config.get().customers();
		String won = cc.funnel().won();
		String lost = cc.funnel().lost();
		Map<String, long[]> current = new HashMap<>();
		for (Document d : aggregate(Customer.COLLECTION,
				Aggregation.newAggregation(Aggregation.match(scope.customers(actor, f)),
						Aggregation.group("stage").count().as("n").sum("dealAmount").as("amount")))) {
			current.put(String.valueOf(d.get("_id")),
					new long[] { number(d.get("n")).longValue(), number(d.get("amount")).longValue() });
		}
		Criteria changes = scope.stageChanges(actor, f);
		Map<String, Long> lostFrom = new HashMap<>();
		for (Document d : aggregate(StageChange.COLLECTION,
				Aggregation.newAggregation(
						Aggregation.match(new Criteria().andOperator(changes, Criteria.where("to").is(lost))),
						Aggregation.group("from").count().as("n")))) {
			lostFrom.put(String.valueOf(d.get("_id")), number(d.get("n")).longValue());
		}
		Map<String, double[]> days = new HashMap<>();
		for (Document d : aggregate(StageChange.COLLECTION,
				Aggregation.newAggregation(
						Aggregation.match(new Criteria().andOperator(changes, Criteria.where("daysInFrom").gte(0))),
						Aggregation.group("from").avg("daysInFrom").as("avg").count().as("n")))) {
			days.put(String.valueOf(d.get("_id")),
					new double[] { number(d.get("avg")).doubleValue(), number(d.get("n")).doubleValue() });
		}
		List<String> order = cc.stages().stream().map(CustomerConfig.Stage::id).filter((s) -> !s.equals(lost)).toList();
		long[] reached = new long[order.size()];
		for (int i = order.size() - 1; i >= 0; i--) {
			String s = order.get(i);
			long here = current.getOrDefault(s, new long[2])[0] + lostFrom.getOrDefault(s, 0L);
			reached[i] = here + ((i + 1 < order.size()) ? reached[i + 1] : 0);
		}
		List<ReportService.FunnelStage> stages = new ArrayList<>();
		for (int i = 0; i < order.size(); i++) {
			String s = order.get(i);
			Double conv = (i + 1 < order.size() && reached[i] > 0) ? 100.0 * reached[i + 1] / reached[i] : null;
			double[] dd = days.get(s);
			stages.add(new ReportService.FunnelStage(s, current.getOrDefault(s, new long[2])[0], reached[i], conv,
					(dd != null) ? dd[0] : null, current.getOrDefault(s, new long[2])[1]));
		}
		List<ReportService.Alert> alerts = new ArrayList<>();
		for (CustomerConfig.FunnelAlert a : cc.funnel().alerts()) {
			int i = order.indexOf(a.from());
			int j = order.indexOf(a.to());
			if (i < 0 || j < 0 || reached[i] == 0) {
				continue;
			}
			double pct = 100.0 * reached[j] / reached[i];
			if (pct < a.below()) {
				alerts.add(new ReportService.Alert(a.from(), a.to(), pct, a.below()));
			}
		}
		long total = current.values().stream().mapToLong((v) -> v[0]).sum();
		long wonN = current.getOrDefault(won, new long[2])[0];
		long lostN = current.getOrDefault(lost, new long[2])[0];
		return new ReportService.Funnel(stages, total, wonN, current.getOrDefault(won, new long[2])[1], lostN, alerts);
	}

	// ---- industry / region --------------------------------------------------------

	/** Customers, won deals and amounts grouped by a customer field, largest first. */
	public List<ReportService.Share> share(Actor actor, ReportFilter f, String field) {
		String won = config.get().customers().funnel().won();
		List<ReportService.Share> out = new ArrayList<>();
		long total = 0;
		List<Document> rows = aggregate(Customer.COLLECTION,
				Aggregation.newAggregation(Aggregation.match(scope.customers(actor, f)),
						Aggregation.group(field)
							.count()
							.as("n")
							.sum(ConditionalOperators.when(Criteria.where("stage").is(won)).then(1).otherwise(0))
							.as("won")
							.sum("dealAmount")
							.as("amount")));
		for (Document d : rows) {
			total += number(d.get("n")).longValue();
		}
		for (Document d : rows) {
			long n = number(d.get("n")).longValue();
			Object key = d.get("_id");
			out.add(new ReportService.Share((key == null || String.valueOf(key).isBlank()) ? null : String.valueOf(key),
					n, number(d.get("won")).longValue(), number(d.get("amount")).longValue(),
					(total > 0) ? 100.0 * n / total : 0));
		}
		out.sort(Comparator.comparingLong(ReportService.Share::customers)
			.reversed()
			.thenComparing(ReportService.Share::key, Comparator.nullsLast(Comparator.naturalOrder())));
		return out;
	}

	// ---- correlation --------------------------------------------------------------

	public ReportService.Correlation correlation(Actor actor, ReportFilter f) {
		String won = config.get().customers().funnel().won();
		Map<String, long[]> customers = new LinkedHashMap<>();
		for (Document d : aggregate(Customer.COLLECTION, Aggregation.newAggregation(
				Aggregation.match(scope.customers(actor, f)), Aggregation.project("stage", "dealAmount")))) {
			boolean isWon = won.equals(d.get("stage"));
			customers.put(String.valueOf(d.get("_id")),
					new long[] { 0, isWon ? 1 : 0, isWon ? number(d.get("dealAmount")).longValue() : 0 });
		}
		// grouped over all follow-ups and joined here: {@code $in} over many ids is a
		// linear scan per document on the embedded store
		Criteria fu = Criteria.where("kind").ne(FollowUp.Kind.SYSTEM.name());
		for (Document d : aggregate(FollowUp.COLLECTION,
				Aggregation.newAggregation(Aggregation.match(fu), Aggregation.group("customerId").count().as("n")))) {
			long[] c = customers.get(String.valueOf(d.get("_id")));
			if (c != null) {
				c[0] = number(d.get("n")).longValue();
			}
		}
		int n = customers.size();
		double[] x = new double[n];
		double[] y = new double[n];
		int i = 0;
		int[] bucketN = new int[ReportService.Bucket.values().length];
		int[] bucketWon = new int[ReportService.Bucket.values().length];
		long[] bucketAmount = new long[ReportService.Bucket.values().length];
		for (long[] c : customers.values()) {
			x[i] = c[0];
			y[i] = c[2];
			i++;
			ReportService.Bucket b = ReportService.Bucket.of(c[0]);
			bucketN[b.ordinal()]++;
			bucketWon[b.ordinal()] += (int) c[1];
			bucketAmount[b.ordinal()] += c[2];
		}
		List<ReportService.BucketRow> buckets = new ArrayList<>();
		for (ReportService.Bucket b : ReportService.Bucket.values()) {
			buckets.add(new ReportService.BucketRow(b, bucketN[b.ordinal()], bucketWon[b.ordinal()],
					bucketAmount[b.ordinal()]));
		}
		int step = Math.max(1, n / SCATTER_MAX);
		List<double[]> points = new ArrayList<>();
		for (int k = 0; k < n; k += step) {
			points.add(new double[] { x[k], y[k] });
		}
		long wonTotal = customers.values().stream().filter((c) -> c[1] == 1).count();
		return new ReportService.Correlation(n, wonTotal, Stats.spearman(x, y), Stats.spearman(x, wonFlags(customers)),
				buckets, points);
	}

	private static double[] wonFlags(Map<String, long[]> customers) {
		return customers.values().stream().mapToDouble((c) -> c[1]).toArray();
	}

	private List<Document> aggregate(String collection, Aggregation a) {
		return mongo.aggregate(a, collection, Document.class).getMappedResults();
	}

	private static Number number(Object o) {
		return (o instanceof Number n) ? n : 0;
	}

}
