package com.crmbot.report;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;

/**
 * The font charts are drawn with: the first installed family able to show Chinese (Debian
 * {@code fonts-noto-cjk} gives "Noto Sans CJK SC"; see {@code .ci/run} and the README). A
 * chart drawn with a font lacking the glyphs would show boxes.
 */
public final class ChartFonts {

	/** Families tried in order. */
	static final List<String> PREFERRED = List.of("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
			"WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "Noto Serif CJK SC", "AR PL UMing CN");

	/** A sample of the characters charts use. */
	public static final String SAMPLE = "漏斗拜访方案谈判签约成交输单行业地区相关性客户跟进";

	private static volatile String family;

	private ChartFonts() {
	}

	/** The chosen family (a logical font when nothing able to show Chinese exists). */
	public static String family() {
		String f = family;
		if (f == null) {
			f = choose();
			family = f;
		}
		return f;
	}

	public static Font font(int style, int size) {
		return new Font(family(), style, size);
	}

	/** Whether the chosen font can show Chinese. */
	public static boolean cjk() {
		return font(Font.PLAIN, 12).canDisplayUpTo(SAMPLE) == -1;
	}

	private static String choose() {
		List<String> installed = Arrays
			.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
		for (String p : PREFERRED) {
			if (installed.contains(p) && new Font(p, Font.PLAIN, 12).canDisplayUpTo(SAMPLE) == -1) {
				return p;
			}
		}
		for (String p : installed) {
			if (new Font(p, Font.PLAIN, 12).canDisplayUpTo(SAMPLE) == -1) {
				return p;
			}
		}
		return Font.SANS_SERIF;
	}

}
