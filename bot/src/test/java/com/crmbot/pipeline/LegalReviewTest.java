package com.crmbot.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.crmbot.customer.Customer;
import com.crmbot.task.Task;
import com.crmbot.task.WorkflowTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Legal review as a step: the reviewer sees the contract data, approves or rejects with a
 * note, the rep is told, and a gated 成交 waits for the approval.
 */
class LegalReviewTest extends WorkflowTestSupport {

	private static final String TRIGGER = "{ type: legal_review, title: 合同法务审核, assignee: boss, dueDays: 3 }";

	private static final String GATED = "{ type: legal_review, title: 合同法务审核, assignee: boss, dueDays: 3, gate: 成交 }";

	@Override
	protected void extraCleanup() {
		super.extraCleanup();
		mongo.remove(new Query(), "legal_reviews");
		mongo.remove(new Query(), StageChange.COLLECTION);
	}

	@BeforeEach
	void gate() throws IOException {
		replace(TRIGGER, GATED);
		assertThat(sayText("admin", "/config reload")).doesNotContain("error");
	}

	@AfterEach
	void ungate() throws IOException {
		replace(GATED, TRIGGER);
		sayText("admin", "/config reload");
	}

	private static void replace(String from, String to) throws IOException {
		Path f = CONFIG_DIR.resolve("customers.yaml");
		Files.writeString(f, Files.readString(f).replace(from, to));
	}

	private String reviewRef() {
		List<Task> open = mongo.find(
				Query.query(Criteria.where("source").is("legal-review").and("status").is(Task.Status.OPEN)),
				Task.class);
		assertThat(open).hasSize(1);
		String id = open.get(0).id();
		return id.substring(id.length() - 6);
	}

	@Test
	void theReviewerDecidesWithANoteTheRepIsToldAndDealWaitsForApproval() {
		say("zhangsan", "/new 苏州恒通精密机械有限公司 王总 13812345678");
		say("zhangsan", "/stage 恒通 谈判 50万");
		assertThat(sayText("zhangsan", "/stage 恒通 成交")).contains("需要法务审核通过", "待审核");
		// 签约 (/deal) waits for the legal approval too: nothing recorded
		long before = mongo.count(new Query(), "deals");
		assertThat(sayText("zhangsan", "/deal 恒通 50万")).contains("需要法务审核通过", "待审核");
		assertThat(mongo.count(new Query(), "deals")).isEqualTo(before);
		// a customer never reviewed cannot skip the review
		say("zhangsan", "/new 杭州云帆物流有限公司 陈丽 13912345678");
		assertThat(sayText("zhangsan", "/deal 云帆 5万")).contains("需要法务审核通过", "尚未提交法务审核");
		assertThat(sayText("zhangsan", "/stage 云帆 成交")).contains("需要法务审核通过", "尚未提交法务审核");

		String list = sayText("boss", "/法务审核");
		String ref = reviewRef();
		assertThat(list).contains("待审核合同 " + ref, "苏州恒通精密机械有限公司", "张三", "合同草案", "王总", "138 1234 5678");
		assertThat(sayText("zhangsan", "/legal " + ref + " 通过")).contains("没有待您审核");
		assertThat(sayText("boss", "/legal " + ref + " 驳回")).contains("驳回请写明原因");
		assertThat(sayText("boss", "/法务审核 " + ref + " 驳回 付款条款不清")).contains("已驳回", "付款条款不清");
		assertThat(sayText("boss", "/legal " + ref + " 通过")).contains("已经处理过了");
		outbox.drain();
		assertThat(inbox("zhangsan")).contains("周总监", "驳回", "付款条款不清");
		assertThat(sayText("zhangsan", "/stage 恒通 成交")).contains("需要法务审核通过", "已驳回");
		assertThat(sayText("boss", "/legal")).contains("没有待您审核的合同");

		// revised and resubmitted: a new review, approved
		advance(java.time.Duration.ofHours(2));
		say("zhangsan", "/stage 恒通 方案");
		say("zhangsan", "/stage 恒通 谈判");
		String second = reviewRef();
		assertThat(second).isNotEqualTo(ref);
		assertThat(sayText("boss", "/legal " + second + " 通过 条款已确认")).contains("已通过");
		outbox.drain();
		assertThat(inbox("zhangsan")).contains("条款已确认", "现在可以推进到「成交」");
		// the 50万 deal recorded with the move to 谈判 needs its own approval as well
		assertThat(sayText("zhangsan", "/stage 恒通 成交")).contains("暂不能进入「成交」").doesNotContain("法务");
		String approval = mongo.findAll(com.crmbot.approval.Approval.class).get(0).id();
		assertThat(sayText("boss", "/approve " + approval)).contains("已同意");
		assertThat(sayText("zhangsan", "/stage 恒通 成交")).doesNotContain("法务");
		long deals = mongo.count(new Query(), "deals");
		assertThat(sayText("zhangsan", "/deal 恒通 50万")).doesNotContain("法务审核").contains("已登记");
		assertThat(mongo.count(new Query(), "deals")).isGreaterThanOrEqualTo(Math.max(1, deals));
		Customer c = mongo.findOne(Query.query(Criteria.where("company").is("苏州恒通精密机械有限公司")), Customer.class);
		assertThat(c.stage()).isEqualTo("成交");
		assertThat(
				mongo.count(Query.query(Criteria.where("source").is("legal-review").and("status").is(Task.Status.DONE)),
						Task.class))
			.isEqualTo(2);
	}

}
