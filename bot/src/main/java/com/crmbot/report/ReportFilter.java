package com.crmbot.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user's report filters, remembered in the store until changed or reset.
 *
 * @param userId the user (store id)
 * @param range the date range (customers created in it)
 * @param from first day of a custom range
 * @param to last day (inclusive) of a custom range
 * @param department department id
 * @param owner owner user id
 * @param stage stage id
 * @param source customer source (inquiry, import, command...)
 * @param tag tag
 */
@Document(ReportFilter.COLLECTION)
public record ReportFilter(@Id String userId, Range range, LocalDate from, LocalDate to, String department,
		String owner, String stage, String source, String tag) {

	public static final String COLLECTION = "report_filters";

	public ReportFilter {
		range = (range != null) ? range : Range.LAST_30_DAYS;
	}

	/** The filters after {@code 重置}: the last 30 days, nothing else. */
	public static ReportFilter defaults(String userId) {
		return new ReportFilter(userId, Range.LAST_30_DAYS, null, null, null, null, null, null, null);
	}

	/** The filters that are set, in the order an empty result is explained. */
	public List<Dimension> active() {
		List<Dimension> out = new ArrayList<>();
		if (tag != null) {
			out.add(Dimension.TAG);
		}
		if (source != null) {
			out.add(Dimension.SOURCE);
		}
		if (stage != null) {
			out.add(Dimension.STAGE);
		}
		if (owner != null) {
			out.add(Dimension.OWNER);
		}
		if (department != null) {
			out.add(Dimension.DEPARTMENT);
		}
		if (range != Range.ALL) {
			out.add(Dimension.RANGE);
		}
		return out;
	}

	/** This filter without one dimension. */
	public ReportFilter without(Dimension d) {
		return switch (d) {
			case RANGE -> new ReportFilter(userId, Range.ALL, null, null, department, owner, stage, source, tag);
			case DEPARTMENT -> new ReportFilter(userId, range, from, to, null, owner, stage, source, tag);
			case OWNER -> new ReportFilter(userId, range, from, to, department, null, stage, source, tag);
			case STAGE -> new ReportFilter(userId, range, from, to, department, owner, null, source, tag);
			case SOURCE -> new ReportFilter(userId, range, from, to, department, owner, stage, null, tag);
			case TAG -> new ReportFilter(userId, range, from, to, department, owner, stage, source, null);
		};
	}

	/** A date range. */
	public enum Range {

		THIS_WEEK, THIS_MONTH, THIS_QUARTER, LAST_30_DAYS, CUSTOM, ALL

	}

	/** One filter dimension. */
	public enum Dimension {

		RANGE, DEPARTMENT, OWNER, STAGE, SOURCE, TAG

	}

}
