package com.crmbot.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUpCounters;
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
import org.springframework.stereotype.Service;

/**
 * The reports, aggregated in the store ({@code $match} + {@code $group}): funnel,
 * industry share, region, follow-up/deal correlation. Only the grouped rows come back to
 * Java. Each report reads the customers once (the correlation takes the follow-up count
 * from the customer's counter, {@link FollowUpCounters}); the funnel also reads the stage
 * changes once.
 */
@Service
public class ReportService {

	/** The scatter plot shows at most this many points (evenly sampled). */
	static final int SCATTER_MAX = 3000;

	private final MongoTemplate mongo;

	private final ReportScope scope;

	private final ConfigService config;

	ReportService(MongoTemplate mongo, ReportScope scope, ConfigService config) {
		this.mongo = mongo;
		this.scope = scope;
		this.config = config;
		// what the filters and the visibility select on (the embedded store scans anyway;
		// a MongoDB server uses them)
		var customers = mongo.indexOps(Customer.class);
		customers.createIndex(new Index().on("createdAt", Sort.Direction.ASC).named("report_created"));
		customers.createIndex(new Index().on("department", Sort.Direction.ASC)
			.on("createdAt", Sort.Direction.ASC)
			.named("report_department_created"));
		customers.createIndex(new Index().on("ownerId", Sort.Direction.ASC)
			.on("createdAt", Sort.Direction.ASC)
			.named("report_owner_created"));
		var changes = mongo.indexOps(StageChange.class);
		changes.createIndex(new Index().on("to", Sort.Direction.ASC).named("to_stage"));
		changes.createIndex(new Index().on("department", Sort.Direction.ASC)
			.on("at", Sort.Direction.ASC)
			.named("report_department_at"));
		changes.createIndex(
				new Index().on("ownerId", Sort.Direction.ASC).on("at", Sort.Direction.ASC).named("report_owner_at"));
	}

	/** How many customers the filters leave (visibility applied). */
	public long count(Actor actor, ReportFilter f) {
		return mongo.count(Query.query(scope.customers(actor, f)), Customer.class);
	}

	/**
	 * When a report is empty: the filter whose removal brings data back, and how much.
	 * Null dimension when even without any single filter nothing is visible.
	 */
	public Emptied emptied(Actor actor, ReportFilter f) {
		for (Dimension d : f.active()) {
			long n = count(actor, f.without(d));
			if (n > 0) {
				return new Emptied(d, n);
			}
		}
		return new Emptied(null, 0);
	}

	// ---- funnel -------------------------------------------------------------------

	/**
	 * Two passes in the store: the customers grouped by stage, the stage changes grouped
	 * by the stage they left (how many went to the lost stage, the days spent).
	 */
	public Funnel funnel(Actor actor, ReportFilter f) {
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
		Map<String, Long> lostFrom = new HashMap<>();
		Map<String, double[]> days = new HashMap<>();
		if (!current.isEmpty()) {
			// changes recorded before daysInFrom existed carry none: not averaged
			Criteria timed = Criteria.where("daysInFrom").gte(0);
			for (Document d : aggregate(StageChange.COLLECTION,
					Aggregation.newAggregation(Aggregation.match(scope.stageChanges(actor, f)),
							Aggregation.group("from")
								.sum(ConditionalOperators.when(Criteria.where("to").is(lost)).then(1).otherwise(0))
								.as("lost")
								.sum(ConditionalOperators.when(timed).thenValueOf("daysInFrom").otherwise(0))
								.as("days")
								.sum(ConditionalOperators.when(timed).then(1).otherwise(0))
								.as("timed")))) {
				String from = String.valueOf(d.get("_id"));
				lostFrom.put(from, number(d.get("lost")).longValue());
				long timedN = number(d.get("timed")).longValue();
				if (timedN > 0) {
					days.put(from, new double[] { number(d.get("days")).doubleValue() / timedN, timedN });
				}
			}
		}
		List<String> order = cc.stages().stream().map(CustomerConfig.Stage::id).filter((s) -> !s.equals(lost)).toList();
		long[] reached = new long[order.size()];
		for (int i = order.size() - 1; i >= 0; i--) {
			String s = order.get(i);
			long here = current.getOrDefault(s, new long[2])[0] + lostFrom.getOrDefault(s, 0L);
			reached[i] = here + ((i + 1 < order.size()) ? reached[i + 1] : 0);
		}
		List<FunnelStage> stages = new ArrayList<>();
		for (int i = 0; i < order.size(); i++) {
			String s = order.get(i);
			Double conv = (i + 1 < order.size() && reached[i] > 0) ? 100.0 * reached[i + 1] / reached[i] : null;
			double[] dd = days.get(s);
			stages.add(new FunnelStage(s, current.getOrDefault(s, new long[2])[0], reached[i], conv,
					(dd != null) ? dd[0] : null, current.getOrDefault(s, new long[2])[1]));
		}
		List<Alert> alerts = new ArrayList<>();
		for (CustomerConfig.FunnelAlert a : cc.funnel().alerts()) {
			int i = order.indexOf(a.from());
			int j = order.indexOf(a.to());
			if (i < 0 || j < 0 || reached[i] == 0) {
				continue;
			}
			double pct = 100.0 * reached[j] / reached[i];
			if (pct < a.below()) {
				alerts.add(new Alert(a.from(), a.to(), pct, a.below()));
			}
		}
		long total = current.values().stream().mapToLong((v) -> v[0]).sum();
		long wonN = current.getOrDefault(won, new long[2])[0];
		long lostN = current.getOrDefault(lost, new long[2])[0];
		return new Funnel(stages, total, wonN, current.getOrDefault(won, new long[2])[1], lostN, alerts);
	}

	// ---- industry / region --------------------------------------------------------

	/** Customers, won deals and amounts grouped by a customer field, largest first. */
	public List<Share> share(Actor actor, ReportFilter f, String field) {
		String won = config.get().customers().funnel().won();
		List<Share> out = new ArrayList<>();
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
			out.add(new Share((key == null || String.valueOf(key).isBlank()) ? null : String.valueOf(key), n,
					number(d.get("won")).longValue(), number(d.get("amount")).longValue(),
					(total > 0) ? 100.0 * n / total : 0));
		}
		out.sort(Comparator.comparingLong(Share::customers)
			.reversed()
			.thenComparing(Share::key, Comparator.nullsLast(Comparator.naturalOrder())));
		return out;
	}

	// ---- correlation --------------------------------------------------------------

	/**
	 * One pass over the customers in the store: grouped by (follow-up count from the
	 * customer's counter, won, won amount); the follow-ups themselves are not read.
	 */
	public Correlation correlation(Actor actor, ReportFilter f) {
		String won = config.get().customers().funnel().won();
		Criteria isWon = Criteria.where("stage").is(won);
		List<long[]> rows = new ArrayList<>();
		for (Document d : aggregate(Customer.COLLECTION,
				Aggregation.newAggregation(Aggregation.match(scope.customers(actor, f)),
						Aggregation.project()
							.and(ConditionalOperators.ifNull(FollowUpCounters.COUNT).then(0))
							.as("n")
							.and(ConditionalOperators.when(isWon).then(1).otherwise(0))
							.as("w")
							.and(ConditionalOperators.when(isWon)
								.thenValueOf(ConditionalOperators.ifNull("dealAmount").then(0))
								.otherwise(0))
							.as("a"),
						Aggregation.group("n", "w", "a").count().as("c")))) {
			Document id = (Document) d.get("_id");
			rows.add(new long[] { number(id.get("n")).longValue(), number(id.get("w")).longValue(),
					number(id.get("a")).longValue(), number(d.get("c")).longValue() });
		}
		// deterministic order: by follow-ups, then amount, then won
		rows.sort(Comparator.<long[]>comparingLong((r) -> r[0])
			.thenComparingLong((r) -> r[2])
			.thenComparingLong((r) -> r[1]));
		int n = (int) rows.stream().mapToLong((r) -> r[3]).sum();
		double[] x = new double[n];
		double[] y = new double[n];
		double[] w = new double[n];
		int i = 0;
		int[] bucketN = new int[Bucket.values().length];
		int[] bucketWon = new int[Bucket.values().length];
		long[] bucketAmount = new long[Bucket.values().length];
		long wonTotal = 0;
		for (long[] r : rows) {
			Bucket b = Bucket.of(r[0]);
			bucketN[b.ordinal()] += (int) r[3];
			bucketWon[b.ordinal()] += (int) (r[1] * r[3]);
			bucketAmount[b.ordinal()] += r[2] * r[3];
			wonTotal += r[1] * r[3];
			for (long k = 0; k < r[3]; k++) {
				x[i] = r[0];
				y[i] = r[2];
				w[i] = r[1];
				i++;
			}
		}
		List<BucketRow> buckets = new ArrayList<>();
		for (Bucket b : Bucket.values()) {
			buckets.add(new BucketRow(b, bucketN[b.ordinal()], bucketWon[b.ordinal()], bucketAmount[b.ordinal()]));
		}
		// each distinct (follow-ups, amount) point once, evenly sampled when there are
		// many
		List<double[]> distinct = new ArrayList<>();
		for (long[] r : rows) {
			double[] p = { r[0], r[2] };
			if (distinct.isEmpty() || !java.util.Arrays.equals(distinct.get(distinct.size() - 1), p)) {
				distinct.add(p);
			}
		}
		int step = Math.max(1, (distinct.size() + SCATTER_MAX - 1) / SCATTER_MAX);
		List<double[]> points = new ArrayList<>();
		for (int k = 0; k < distinct.size(); k += step) {
			points.add(distinct.get(k));
		}
		return new Correlation(n, wonTotal, Stats.spearman(x, y), Stats.spearman(x, w), buckets, points);
	}

	private List<Document> aggregate(String collection, Aggregation a) {
		return mongo.aggregate(a, collection, Document.class).getMappedResults();
	}

	private static Number number(Object o) {
		return (o instanceof Number n) ? n : 0;
	}

	// ---- results ------------------------------------------------------------------

	/**
	 * Why a report is empty.
	 *
	 * @param dimension the filter whose removal brings data back (null: none does)
	 * @param without how many customers there are without it
	 */
	public record Emptied(Dimension dimension, long without) {
	}

	/**
	 * The funnel.
	 *
	 * @param stages the stages in order (without the lost stage)
	 * @param total customers in scope
	 * @param won customers in the won stage
	 * @param wonAmount their deal amounts
	 * @param lost customers in the lost stage
	 * @param alerts conversions below their configured thresholds
	 */
	public record Funnel(List<FunnelStage> stages, long total, long won, long wonAmount, long lost,
			List<Alert> alerts) {
	}

	/**
	 * One funnel stage.
	 *
	 * @param stage stage id
	 * @param current customers in it now
	 * @param reached customers that got at least this far (lost ones count up to the
	 * stage they left)
	 * @param conversionToNext percent reaching the next stage (null for the last or when
	 * none reached this one)
	 * @param avgDays average days spent in it (from stage history; null when unknown)
	 * @param amount deal amounts of the customers in it
	 */
	public record FunnelStage(String stage, long current, long reached, Double conversionToNext, Double avgDays,
			long amount) {
	}

	/**
	 * A flagged conversion.
	 *
	 * @param from stage
	 * @param to stage
	 * @param percent measured
	 * @param threshold configured
	 */
	public record Alert(String from, String to, double percent, double threshold) {
	}

	/**
	 * One group of a share report.
	 *
	 * @param key the value (null: not filled in)
	 * @param customers customers
	 * @param won customers won
	 * @param amount deal amounts
	 * @param percent share of customers
	 */
	public record Share(String key, long customers, long won, long amount, double percent) {

		public double winRate() {
			return (customers > 0) ? 100.0 * won / customers : 0;
		}

	}

	/**
	 * Follow-up count against deals.
	 *
	 * @param customers customers in scope
	 * @param won customers won
	 * @param spearmanAmount Spearman's rho of follow-up count vs won amount (NaN when
	 * undefined)
	 * @param spearmanWon Spearman's rho of follow-up count vs won (0/1)
	 * @param buckets win rate per follow-up count bucket
	 * @param points sampled (follow-ups, won amount) points for the scatter plot
	 */
	public record Correlation(long customers, long won, double spearmanAmount, double spearmanWon,
			List<BucketRow> buckets, List<double[]> points) {
	}

	/**
	 * One follow-up count bucket.
	 *
	 * @param bucket the bucket
	 * @param customers customers in it
	 * @param won won
	 * @param amount won amounts
	 */
	public record BucketRow(Bucket bucket, long customers, long won, long amount) {

		public double winRate() {
			return (customers > 0) ? 100.0 * won / customers : 0;
		}

	}

	/** Follow-up count buckets. */
	public enum Bucket {

		NONE(0, 0, "0"), FEW(1, 2, "1-2"), SOME(3, 4, "3-4"), MANY(5, 9, "5-9"), LOTS(10, Long.MAX_VALUE, "10+");

		final long min;

		final long max;

		public final String label;

		Bucket(long min, long max, String label) {
			this.min = min;
			this.max = max;
			this.label = label;
		}

		static Bucket of(long n) {
			for (Bucket b : values()) {
				if (n >= b.min && n <= b.max) {
					return b;
				}
			}
			return NONE;
		}

	}

}
