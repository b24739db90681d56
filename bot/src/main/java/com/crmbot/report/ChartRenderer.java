package com.crmbot.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.PieChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import org.springframework.stereotype.Component;

/**
 * Draws the reports as PNG images with XChart, all text in the CJK font of
 * {@link ChartFonts}.
 */
@Component
public class ChartRenderer {

	static final int WIDTH = 800;

	static final int HEIGHT = 500;

	/** Funnel: customers who reached each stage, with conversion in the labels. */
	public byte[] funnel(String title, List<String> stages, List<Long> reached, List<Long> current, String reachedName,
			String currentName) {
		CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
		style(c.getStyler());
		c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
		c.getStyler().setLabelsVisible(true);
		c.getStyler().setLabelsFont(ChartFonts.font(Font.PLAIN, 12));
		c.getStyler().setOverlapped(true);
		c.addSeries(reachedName, stages, reached).setFillColor(new Color(0x9ec5fe));
		c.addSeries(currentName, stages, current).setFillColor(new Color(0x0d6efd));
		return png(c);
	}

	/** Share: a pie of customers per group. */
	public byte[] pie(String title, List<String> labels, List<Long> values) {
		PieChart c = new PieChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
		style(c.getStyler());
		c.getStyler().setLabelsVisible(true);
		c.getStyler().setLabelsFont(ChartFonts.font(Font.PLAIN, 13));
		c.getStyler().setLabelType(org.knowm.xchart.style.PieStyler.LabelType.NameAndPercentage);
		if (labels.isEmpty()) {
			c.addSeries("-", 1);
		}
		for (int i = 0; i < labels.size(); i++) {
			c.addSeries(labels.get(i), values.get(i));
		}
		return png(c);
	}

	/** Scatter: follow-ups (x) against won amount (y). */
	public byte[] scatter(String title, String xTitle, String yTitle, List<double[]> points) {
		XYChart c = new XYChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title(title)
			.xAxisTitle(xTitle)
			.yAxisTitle(yTitle)
			.build();
		style(c.getStyler());
		c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
		c.getStyler().setMarkerSize(6);
		c.getStyler().setLegendVisible(false);
		List<Double> xs = new ArrayList<>();
		List<Double> ys = new ArrayList<>();
		for (double[] p : points) {
			xs.add(p[0]);
			ys.add(p[1]);
		}
		if (xs.isEmpty()) {
			xs.add(0.0);
			ys.add(0.0);
		}
		c.addSeries("customers", xs, ys).setMarkerColor(new Color(13, 110, 253, 120));
		return png(c);
	}

	/** Bars per category (e.g. win rate by follow-up bucket). */
	public byte[] bars(String title, String series, List<String> labels, List<? extends Number> values) {
		CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
		style(c.getStyler());
		c.getStyler().setLegendVisible(false);
		c.getStyler().setLabelsVisible(true);
		c.getStyler().setLabelsFont(ChartFonts.font(Font.PLAIN, 12));
		c.addSeries(series, labels.isEmpty() ? List.of("-") : labels, labels.isEmpty() ? List.of(0) : values);
		return png(c);
	}

	private static void style(Styler s) {
		s.setChartTitleFont(ChartFonts.font(Font.BOLD, 18));
		s.setLegendFont(ChartFonts.font(Font.PLAIN, 13));
		s.setChartBackgroundColor(Color.WHITE);
		s.setAntiAlias(true);
		if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
			a.setAxisTitleFont(ChartFonts.font(Font.PLAIN, 14));
			a.setAxisTickLabelsFont(ChartFonts.font(Font.PLAIN, 13));
		}
	}

	static byte[] png(Chart<?, ?> chart) {
		try {
			return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
