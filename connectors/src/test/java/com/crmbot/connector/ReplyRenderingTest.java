package com.crmbot.connector;

import java.util.List;

import com.crmbot.connector.local.HtmlCard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform-neutral renderings of a structured reply: plain text (the fallback every
 * platform and old code reads), markdown, and the web chat's HTML card, which escapes
 * every piece of text.
 */
class ReplyRenderingTest {

	private static final Reply CARD = Reply.card("✅ 已归档跟进（新线索）")
		.line("来自企业微信")
		.field("客户", "<script>alert(1)</script>苏州恒通")
		.field("Phone", "138 1234 5678")
		.field("缺失", null)
		.list("应对建议", List.of("价格 & \"折扣\"", "案例"))
		.list("空", List.of())
		.file("报价单.pdf", "api/files/q.pdf")
		.build();

	@Test
	void plainTextHasEverythingWithLocaleFittingSeparators() {
		assertThat(CARD.structured()).isTrue();
		assertThat(CARD.fields()).hasSize(2);
		assertThat(CARD.sections()).hasSize(1);
		assertThat(CARD.text()).isEqualTo("""
				✅ 已归档跟进（新线索）
				来自企业微信
				客户：<script>alert(1)</script>苏州恒通
				Phone: 138 1234 5678

				应对建议
				价格 & "折扣"
				案例
				报价单.pdf: api/files/q.pdf""");
	}

	@Test
	void markdownPutsTitleAndLabelsInBoldAndItemsInALIst() {
		assertThat(ReplyText.markdown(CARD, "  \n")).startsWith("**✅ 已归档跟进（新线索）**  \n来自企业微信  \n")
			.contains("**客户**：<script>")
			.contains("**应对建议**  \n- 价格 & \"折扣\"  \n- 案例")
			.endsWith("[报价单.pdf](api/files/q.pdf)");
	}

	@Test
	void theHtmlCardEscapesEveryText() {
		String html = HtmlCard.render(CARD);
		assertThat(html).doesNotContain("<script>")
			.contains("<div class=\"card-title\">✅ 已归档跟进（新线索）</div>")
			.contains("<dt>客户</dt><dd>&lt;script&gt;alert(1)&lt;/script&gt;苏州恒通</dd>")
			.contains("<h4>应对建议</h4><ul><li>价格 &amp; &quot;折扣&quot;</li><li>案例</li></ul>")
			.contains("<a class=\"file\" download href=\"api/files/q.pdf\">报价单.pdf</a>");
		// a link that would run script is not drawn
		Reply evil = Reply.card("t").line("x").file("f", "javascript:alert(1)").build();
		assertThat(HtmlCard.render(evil)).doesNotContain("javascript").doesNotContain("<a");
		assertThat(HtmlCard.render(Reply.card("t").line("x").file("f", "//evil.example/x").build()))
			.doesNotContain("<a");
		// a plain text reply is no card: the page shows its text
		assertThat(HtmlCard.render(Reply.text("<b>hi</b>"))).isNull();
	}

	@Test
	void oldStyleRepliesKeepWorking() {
		Reply r = Reply.markdown("标题", "正文").withButtons(List.of(new Reply.Button("k", "完成", "/done 1")));
		assertThat(r.structured()).isFalse();
		assertThat(r.textWithCommandFallback()).isEqualTo("正文\n完成: /done 1");
		assertThat(new Reply("t", null, null, null, "/tmp/x.png").withoutImage().imageRef()).isNull();
	}

}
