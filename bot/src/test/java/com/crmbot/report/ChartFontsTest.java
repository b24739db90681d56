package com.crmbot.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chinese text in charts renders as glyphs, not boxes: the chosen font covers the
 * characters, distinct characters draw distinct images (a missing glyph draws the same
 * box for all), and a rendered chart carries drawn text.
 */
class ChartFontsTest {

	@Test
	void theChosenFontShowsChinese() {
		Font f = ChartFonts.font(Font.PLAIN, 24);
		assertThat(f.canDisplayUpTo(ChartFonts.SAMPLE)).as("font %s", ChartFonts.family()).isEqualTo(-1);
		assertThat(ChartFonts.cjk()).isTrue();
		assertThat(f.canDisplayUpTo("华东销售部 拜访→方案 成交率")).isEqualTo(-1);
	}

	@Test
	void distinctCharactersDrawDistinctGlyphs() {
		Set<String> seen = new HashSet<>();
		List<String> chars = List.of("漏", "斗", "拜", "访", "成", "交", "输", "单");
		for (String ch : chars) {
			seen.add(Arrays.toString(draw(ch)));
		}
		assertThat(seen).hasSize(chars.size());
		// a character the font lacks would draw the same notdef box as another one
		int[] a = draw("漏");
		assertThat(Arrays.stream(a).filter((p) -> p != Color.WHITE.getRGB()).count()).isGreaterThan(20);
	}

	@Test
	void aRenderedChartIsAPngWithDrawnPixels() throws Exception {
		byte[] png = new ChartRenderer().funnel("销售漏斗", List.of("拜访", "方案", "谈判"), List.of(10L, 6L, 2L),
				List.of(4L, 4L, 2L), "累计到达", "当前所在");
		BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(img.getWidth()).isEqualTo(ChartRenderer.WIDTH);
		assertThat(img.getHeight()).isEqualTo(ChartRenderer.HEIGHT);
		long nonWhite = 0;
		for (int y = 0; y < 40; y++) {
			for (int x = 0; x < img.getWidth(); x++) {
				if (img.getRGB(x, y) != Color.WHITE.getRGB()) {
					nonWhite++;
				}
			}
		}
		assertThat(nonWhite).as("title pixels").isGreaterThan(50);
	}

	private static int[] draw(String s) {
		BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, 40, 40);
		g.setColor(Color.BLACK);
		g.setFont(ChartFonts.font(Font.PLAIN, 28));
		g.drawString(s, 4, 32);
		g.dispose();
		return img.getRGB(0, 0, 40, 40, null, 0, 40);
	}

}
