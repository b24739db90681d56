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

	/**
	 * A sample of the CJK ideographs (every 97th of the common block): a font showing
	 * them all shows Chinese chart labels.
	 */
	public static final String SAMPLE = java.util.stream.IntStream.rangeClosed(0x4E00, 0x9FA5)
		.filter((cp) -> cp % 97 == 0)
		.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
		.toString();

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
