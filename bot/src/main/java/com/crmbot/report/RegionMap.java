package com.crmbot.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * A heat map of China by province, drawn with Java2D from the province boundaries in
 * {@code geo/china-provinces.json} (Apache ECharts 4.9.0 {@code map/json/china.json},
 * Apache-2.0; see the README). The file keeps ECharts' compact UTF-8 coordinate encoding,
 * decoded here.
 */
@Component
public class RegionMap {

	static final int WIDTH = 900;

	static final int HEIGHT = 700;

	private static final double LON_MIN = 73;

	private static final double LON_MAX = 136;

	private static final double LAT_MIN = 17;

	private static final double LAT_MAX = 54;

	private final List<Province> provinces;

	RegionMap() {
		this.provinces = load();
	}

	/** Province names as in the map (e.g. 江苏, 内蒙古). */
	public List<String> names() {
		return provinces.stream().map(Province::name).toList();
	}

	/**
	 * The map province a customer region belongs to ("江苏省苏州市" → 江苏), or null.
	 */
	public String province(String region) {
		if (region == null) {
			return null;
		}
		String r = region.trim();
		for (Province p : provinces) {
			if (r.startsWith(p.name())) {
				return p.name();
			}
		}
		return null;
	}

	/**
	 * Draw the map: each province coloured by its value (white to deep blue), the value
	 * printed where it is above zero.
	 * @param values value per province name
	 * @param labels text per province name (e.g. "12 · 33%")
	 */
	public byte[] draw(String title, Map<String, Double> values, Map<String, String> labels, String legend) {
		BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, WIDTH, HEIGHT);
			double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
			for (Province p : provinces) {
				double v = values.getOrDefault(p.name(), 0.0);
				g.setColor(color((max > 0) ? v / max : 0));
				g.fill(p.shape());
				g.setColor(new Color(0x8a94a6));
				g.setStroke(new BasicStroke(0.7f));
				g.draw(p.shape());
			}
			g.setFont(ChartFonts.font(Font.PLAIN, 12));
			for (Province p : provinces) {
				String label = labels.get(p.name());
				if (label == null) {
					continue;
				}
				double[] c = project(p.center()[0], p.center()[1]);
				String text = p.name() + " " + label;
				FontMetrics fm = g.getFontMetrics();
				int x = (int) c[0] - fm.stringWidth(text) / 2;
				int y = (int) c[1];
				g.setColor(new Color(255, 255, 255, 200));
				g.fillRect(x - 2, y - fm.getAscent(), fm.stringWidth(text) + 4, fm.getHeight());
				g.setColor(Color.BLACK);
				g.drawString(text, x, y);
			}
			g.setColor(Color.BLACK);
			g.setFont(ChartFonts.font(Font.BOLD, 20));
			g.drawString(title, 20, 34);
			// legend: a gradient from 0 to max
			int lx = 20;
			int ly = HEIGHT - 40;
			for (int i = 0; i < 200; i++) {
				g.setColor(color(i / 199.0));
				g.fillRect(lx + i, ly, 1, 14);
			}
			g.setColor(Color.BLACK);
			g.setFont(ChartFonts.font(Font.PLAIN, 12));
			g.drawString("0", lx, ly + 28);
			String maxText = (max == Math.rint(max)) ? String.valueOf((long) max) : String.format("%.1f", max);
			g.drawString(maxText, lx + 200 - g.getFontMetrics().stringWidth(maxText), ly + 28);
			g.drawString(legend, lx + 210, ly + 12);
		}
		finally {
			g.dispose();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(img, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static Color color(double t) {
		t = Math.max(0, Math.min(1, t));
		if (t == 0) {
			return new Color(0xf4f6f9);
		}
		// light blue to deep blue
		int r = (int) (222 - t * (222 - 8));
		int gr = (int) (235 - t * (235 - 48));
		int b = (int) (247 - t * (247 - 107));
		return new Color(r, gr, b);
	}

	static double[] project(double lon, double lat) {
		double sx = (WIDTH - 40) / ((LON_MAX - LON_MIN) * Math.cos(Math.toRadians(35)));
		double sy = (HEIGHT - 100) / (LAT_MAX - LAT_MIN);
		double s = Math.min(sx, sy);
		double x = 20 + (lon - LON_MIN) * Math.cos(Math.toRadians(35)) * s;
		double y = 50 + (LAT_MAX - lat) * s;
		return new double[] { x, y };
	}

	private static List<Province> load() {
		try (InputStream in = RegionMap.class.getResourceAsStream("/geo/china-provinces.json")) {
			if (in == null) {
				throw new IllegalStateException("geo/china-provinces.json is missing from the application");
			}
			JsonNode root = JsonMapper.builder().build().readTree(in);
			boolean encoded = root.path("UTF8Encoding").asBoolean(false);
			double scale = root.has("UTF8Scale") ? root.get("UTF8Scale").asDouble() : 1024;
			List<Province> out = new ArrayList<>();
			for (JsonNode f : root.get("features")) {
				String name = f.get("properties").get("name").asString();
				JsonNode cp = f.get("properties").get("cp");
				JsonNode geom = f.get("geometry");
				Path2D.Double shape = new Path2D.Double(Path2D.WIND_EVEN_ODD);
				JsonNode coords = geom.get("coordinates");
				JsonNode offsets = geom.get("encodeOffsets");
				boolean multi = "MultiPolygon".equals(geom.get("type").asString());
				for (int i = 0; i < coords.size(); i++) {
					JsonNode poly = coords.get(i);
					List<JsonNode> rings = new ArrayList<>();
					List<JsonNode> ringOffsets = new ArrayList<>();
					if (multi) {
						for (int j = 0; j < poly.size(); j++) {
							rings.add(poly.get(j));
							ringOffsets.add(encoded ? offsets.get(i).get(j) : null);
						}
					}
					else {
						rings.add(poly);
						ringOffsets.add(encoded ? offsets.get(i) : null);
					}
					for (int r = 0; r < rings.size(); r++) {
						List<double[]> pts = encoded ? decode(rings.get(r).asString(),
								ringOffsets.get(r).get(0).asInt(), ringOffsets.get(r).get(1).asInt(), scale)
								: plain(rings.get(r));
						for (int k = 0; k < pts.size(); k++) {
							double[] xy = project(pts.get(k)[0], pts.get(k)[1]);
							if (k == 0) {
								shape.moveTo(xy[0], xy[1]);
							}
							else {
								shape.lineTo(xy[0], xy[1]);
							}
						}
						shape.closePath();
					}
				}
				double[] center = (cp != null) ? new double[] { cp.get(0).asDouble(), cp.get(1).asDouble() }
						: new double[] { 105, 35 };
				out.add(new Province(name, shape, center));
			}
			return List.copyOf(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * ECharts' compact coordinates: zigzag-encoded deltas as characters, from offsets.
	 */
	static List<double[]> decode(String s, int offsetX, int offsetY, double scale) {
		List<double[]> out = new ArrayList<>(s.length() / 2);
		int px = offsetX;
		int py = offsetY;
		for (int i = 0; i + 1 < s.length(); i += 2) {
			int x = s.charAt(i) - 64;
			int y = s.charAt(i + 1) - 64;
			x = (x >> 1) ^ (-(x & 1));
			y = (y >> 1) ^ (-(y & 1));
			x += px;
			y += py;
			px = x;
			py = y;
			out.add(new double[] { x / scale, y / scale });
		}
		return out;
	}

	private static List<double[]> plain(JsonNode ring) {
		List<double[]> out = new ArrayList<>();
		for (JsonNode p : ring) {
			out.add(new double[] { p.get(0).asDouble(), p.get(1).asDouble() });
		}
		return out;
	}

	private record Province(String name, Path2D.Double shape, double[] center) {
	}

}
