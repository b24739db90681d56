package com.crmbot.report;

import java.util.Arrays;
import java.util.Comparator;

/** Rank statistics. */
final class Stats {

	private Stats() {
	}

	/**
	 * Spearman's rank correlation (Pearson on average ranks, so ties are handled). NaN
	 * when fewer than two values or either side is constant.
	 */
	static double spearman(double[] x, double[] y) {
		if (x.length != y.length || x.length < 2) {
			return Double.NaN;
		}
		return pearson(ranks(x), ranks(y));
	}

	static double[] ranks(double[] v) {
		Integer[] idx = new Integer[v.length];
		for (int i = 0; i < idx.length; i++) {
			idx[i] = i;
		}
		Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> v[i]));
		double[] r = new double[v.length];
		int i = 0;
		while (i < idx.length) {
			int j = i;
			while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
				j++;
			}
			double avg = (i + j) / 2.0 + 1;
			for (int k = i; k <= j; k++) {
				r[idx[k]] = avg;
			}
			i = j + 1;
		}
		return r;
	}

	static double pearson(double[] x, double[] y) {
		int n = x.length;
		double mx = 0;
		double my = 0;
		for (int i = 0; i < n; i++) {
			mx += x[i];
			my += y[i];
		}
		mx /= n;
		my /= n;
		double sxy = 0;
		double sxx = 0;
		double syy = 0;
		for (int i = 0; i < n; i++) {
			double dx = x[i] - mx;
			double dy = y[i] - my;
			sxy += dx * dy;
			sxx += dx * dx;
			syy += dy * dy;
		}
		return (sxx == 0 || syy == 0) ? Double.NaN : sxy / Math.sqrt(sxx * syy);
	}

}
