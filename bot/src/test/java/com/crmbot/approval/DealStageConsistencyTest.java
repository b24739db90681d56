package com.crmbot.approval;

import java.util.List;

import com.crmbot.pipeline.StageChange;
import com.crmbot.task.WorkflowTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deals and stages agree: 成交 waits for a pending approval and is refused after a
 * rejection (with the reason), 输单 records a lost reason (and asks for it), and a stage
 * move that opens an approval says so.
 */
class DealStageConsistencyTest extends WorkflowTestSupport {

	@Override
	protected void extraCleanup() {
		super.extraCleanup();
		mongo.remove(new Query(), StageChange.COLLECTION);
		mongo.remove(new Query(), "legal_reviews");
	}

	@BeforeEach
	void customer() {
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
	}

	private Approval onlyApproval() {
		List<Approval> all = mongo.findAll(Approval.class);
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	@Test
	void wonWaitsForAPendingApprovalAndEntersOnceApproved() {
		String moved = sayText("zhangsan", "/stage 恒通 谈判 50万");
		Approval a = onlyApproval();
		assertThat(moved).contains("推进到「谈判」", "需要审批", a.id(), "周总监");
		assertThat(sayText("zhangsan", "/stage 恒通 成交")).contains("暂不能进入「成交」", a.id(), "500,000", "等待 周总监");
		assertThat(mongo.findAll(StageChange.class)).extracting(StageChange::to).containsExactly("谈判");
		assertThat(sayText("boss", "/approve " + a.id())).contains("已同意");
		assertThat(sayText("zhangsan", "/stage 恒通 成交")).contains("推进到「成交」");
	}

	@Test
	void wonIsRefusedAfterARejectionWithTheReason() {
		sayText("zhangsan", "/deal 恒通 120万");
		Approval a = onlyApproval();
		sayText("boss", "/approve " + a.id());
		sayText("gm", "/reject " + a.id() + " 折扣太大");
		String refused = sayText("zhangsan", "/stage 恒通 成交");
		assertThat(refused).contains("不能进入「成交」", a.id(), "驳回", "吴总经理", "折扣太大");
		assertThat(mongo.findAll(StageChange.class)).isEmpty();
	}

	@Test
	void wonWithAnAmountNeedingApprovalOpensItAndWaits() {
		String refused = sayText("zhangsan", "/stage 恒通 成交 30万");
		Approval a = onlyApproval();
		assertThat(refused).contains("需要审批", a.id(), "审批通过后再推进到「成交」");
		assertThat(mongo.findAll(StageChange.class)).isEmpty();
		assertThat(sayText("zhangsan", "/stage 恒通 成交 30万")).contains("暂不能进入", a.id());
		assertThat(mongo.findAll(Approval.class)).hasSize(1);
		sayText("boss", "/approve " + a.id());
		assertThat(sayText("zhangsan", "/stage 恒通 成交")).contains("推进到「成交」");
		assertThat(mongo.findAll(Deal.class)).hasSize(1);
	}

	@Test
	void aSmallWonNeedsNoApproval() {
		assertThat(sayText("zhangsan", "/stage 恒通 成交 5万")).contains("推进到「成交」").doesNotContain("审批");
		assertThat(mongo.findAll(Deal.class)).extracting(Deal::status).containsExactly(Deal.Status.RECORDED);
	}

	@Test
	void lostAsksForAndRecordsTheReason() {
		assertThat(sayText("zhangsan", "/stage 恒通 输单")).contains("请说明「苏州恒通机械有限公司」的输单原因");
		assertThat(mongo.findAll(StageChange.class)).isEmpty();
		assertThat(sayText("zhangsan", "/stage 恒通 输单 价格高于竞品 交期太长")).contains("推进到「输单」", "已记录输单原因：价格高于竞品 交期太长");
		assertThat(mongo.findAll(StageChange.class)).extracting(StageChange::reason).containsExactly("价格高于竞品 交期太长");
		assertThat(sayText("zhangsan", "/stage 恒通")).contains("（原因：价格高于竞品 交期太长）");
	}

}
