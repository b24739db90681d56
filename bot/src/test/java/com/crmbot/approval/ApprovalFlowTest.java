package com.crmbot.approval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.crmbot.schedule.WorkflowTicker;
import com.crmbot.task.WorkflowTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /deal opens approvals by the YAML rules; chains, buttons, outcome, audit, deputies,
 * reminders, races.
 */
class ApprovalFlowTest extends WorkflowTestSupport {

	@Autowired
	ApprovalService approvals;

	@Autowired
	WorkflowTicker ticker;

	@BeforeEach
	void customer() {
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
	}

	private Approval onlyPending() {
		List<Approval> all = mongo.findAll(Approval.class);
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	private Deal onlyDeal() {
		List<Deal> all = mongo.findAll(Deal.class);
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	@Test
	void aSmallDealNeedsNoApproval() {
		assertThat(sayText("zhangsan", "/deal 恒通 15万")).contains("150,000", "无需审批");
		assertThat(onlyDeal().status()).isEqualTo(Deal.Status.RECORDED);
		assertThat(count(Approval.class)).isZero();
	}

	@Test
	void aDealAboveTheThresholdGoesToTheDirectorWithButtonsAndTheRequesterHearsTheOutcome() {
		assertThat(sayText("zhangsan", "/deal 恒通 300,000")).contains("需要审批", "周总监");
		Approval a = onlyPending();
		assertThat(a.approvers()).containsExactly("boss");
		outbox.drain();
		assertThat(inbox("boss")).contains("审批 " + a.id(), "张三", "300,000", "/approve " + a.id(), "/reject " + a.id());
		assertThat(sayText("boss", "/approve " + a.id() + " 价格可以")).contains("已同意");
		outbox.drain();
		assertThat(inbox("zhangsan")).contains("已通过", "价格可以");
		assertThat(onlyDeal().status()).isEqualTo(Deal.Status.APPROVED);
		assertThat(approvals.audit(a.id())).extracting(AuditEntry::action).containsExactly("opened", "approved");
		assertThat(sayText("boss", "/approve " + a.id())).contains("已经通过");
		assertThat(sayText("boss", "/reject " + a.id() + " 算了")).contains("已经通过");
		assertThat(onlyDeal().status()).isEqualTo(Deal.Status.APPROVED);
	}

	@Test
	void aLargeDealGoesThroughTheChainAndCanBeRejectedWithAReason() {
		assertThat(sayText("zhangsan", "/deal 恒通 120万")).contains("1,200,000", "周总监 → 吴总经理");
		Approval a = onlyPending();
		assertThat(sayText("lisi", "/approve " + a.id())).contains("不是你审批");
		assertThat(sayText("gm", "/approve " + a.id())).contains("不是你审批");
		assertThat(sayText("boss", "/approve " + a.id())).contains("转给 吴总经理");
		outbox.drain();
		assertThat(inbox("gm")).contains("第 2/2 步", "/approve " + a.id());
		assertThat(sayText("gm", "/reject " + a.id())).contains("需要写原因");
		assertThat(sayText("gm", "/reject " + a.id() + " 折扣太大")).contains("已驳回");
		outbox.drain();
		assertThat(inbox("zhangsan")).contains("被驳回", "折扣太大", "吴总经理");
		assertThat(inbox("boss")).contains("被驳回"); // informed by the rule
		assertThat(onlyDeal().status()).isEqualTo(Deal.Status.REJECTED);
		assertThat(sayText("gm", "/approve " + a.id())).contains("已经驳回");
		assertThat(approvals.audit(a.id())).extracting(AuditEntry::action)
			.containsExactly("opened", "approved-step", "rejected");
	}

	@Test
	void twoApproversClickingAtOnceHaveOneOutcome() throws Exception {
		sayText("zhangsan", "/deal 恒通 50万");
		Approval a = onlyPending();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<String>> results = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String cmd = (i % 2 == 0) ? "/approve " + a.id() : "/reject " + a.id() + " 不行";
			results.add(pool.submit((Callable<String>) () -> {
				go.await();
				return sayText("boss", cmd);
			}));
		}
		go.countDown();
		int decided = 0;
		for (Future<String> f : results) {
			String r = f.get();
			if (r.contains("已同意") || r.contains("已驳回审批")) {
				decided++;
			}
			else {
				assertThat(r).contains("已经");
			}
		}
		pool.shutdown();
		assertThat(decided).isEqualTo(1);
		Approval after = approvals.byId(a.id()).orElseThrow();
		assertThat(after.decisions()).hasSize(1);
		Deal d = onlyDeal();
		assertThat(d.status())
			.isEqualTo(after.status() == Approval.Status.APPROVED ? Deal.Status.APPROVED : Deal.Status.REJECTED);
		outbox.drain();
		assertThat(inboxTexts("zhangsan")).hasSize(1);
	}

	@Test
	void anApproverWhoIsAwayIsReplacedByTheDeputy() {
		editWorkflow("away: []", "away: [gm]");
		try {
			assertThat(sayText("admin", "/config reload")).doesNotContain("error");
			sayText("zhangsan", "/deal 恒通 200万");
			Approval a = onlyPending();
			sayText("boss", "/approve " + a.id());
			outbox.drain();
			assertThat(inboxTexts("gm")).isEmpty();
			assertThat(inbox("boss")).contains("代 吴总经理", "第 2/2 步");
			assertThat(sayText("boss", "/approve " + a.id() + " 代批")).contains("已同意");
			assertThat(onlyDeal().status()).isEqualTo(Deal.Status.APPROVED);
			List<AuditEntry> trail = approvals.audit(a.id());
			assertThat(trail.get(trail.size() - 1).onBehalfOf()).isEqualTo("gm");
			assertThat(trail.get(trail.size() - 1).actorId()).isEqualTo("boss");
		}
		finally {
			restoreWorkflow();
			sayText("admin", "/config reload");
		}
	}

	@Test
	void pendingApprovalsRemindTheirApproverOnSchedule() {
		sayText("zhangsan", "/deal 恒通 30万");
		Approval a = onlyPending();
		outbox.drain();
		assertThat(inboxTexts("boss")).hasSize(1);
		advance(Duration.ofMinutes(239));
		ticker.tick();
		outbox.drain();
		assertThat(inboxTexts("boss")).hasSize(1);
		advance(Duration.ofMinutes(1));
		ticker.tick();
		ticker.tick();
		outbox.drain();
		assertThat(inboxTexts("boss")).hasSize(2);
		assertThat(inbox("boss")).contains("还在等你处理");
		advance(Duration.ofMinutes(240));
		ticker.tick();
		outbox.drain();
		assertThat(inboxTexts("boss")).hasSize(3);
		assertThat(sayText("boss", "/approvals")).contains(a.id(), "苏州恒通机械有限公司");
		sayText("boss", "/approve " + a.id());
		advance(Duration.ofMinutes(480));
		ticker.tick();
		outbox.drain();
		assertThat(inboxTexts("boss")).hasSize(3);
	}

	@Test
	void badInputGetsAClearAnswerAndWritesNothing() {
		assertThat(sayText("zhangsan", "/deal 不存在的公司 30万")).contains("没有找到客户");
		assertThat(sayText("zhangsan", "/deal 恒通 很多")).contains("看不懂");
		assertThat(sayText("zhangsan", "/deal 恒通 -5")).contains("看不懂");
		assertThat(sayText("zhangsan", "/deal")).contains("用法");
		assertThat(sayText("boss", "/approve A9999")).contains("没有审批");
		assertThat(sayText("boss", "/approve")).contains("用法");
		assertThat(count(Deal.class)).isZero();
		assertThat(count(Approval.class)).isZero();
		// the same message delivered twice records one deal
		say("zhangsan", "/deal 恒通 30万", "same-msg");
		say("zhangsan", "/deal 恒通 30万", "same-msg");
		assertThat(count(Deal.class)).isEqualTo(1);
	}

	@Test
	void amountsAsPeopleWriteThem() {
		assertThat(Amounts.parse("250000")).hasValue(250_000);
		assertThat(Amounts.parse("250,000")).hasValue(250_000);
		assertThat(Amounts.parse("25.5万")).hasValue(255_000);
		assertThat(Amounts.parse("1.2亿")).hasValue(120_000_000);
		assertThat(Amounts.parse("300k")).hasValue(300_000);
		assertThat(Amounts.parse("¥80000元")).hasValue(80_000);
		assertThat(Amounts.parse("0")).isEmpty();
		assertThat(Amounts.parse("abc")).isEmpty();
	}

}
