package com.crmbot.care;

import java.time.Duration;
import java.util.List;

import com.crmbot.customer.Customer;
import com.crmbot.mail.MailTestSupport;
import com.crmbot.schedule.WorkflowTicker;
import com.crmbot.task.Task;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time passing changes things without anyone touching the customer: the nightly run
 * rescored every customer and finds the dormant ones; /dormant lists them for whoever may
 * see them; the owner gets one care task; /coupon checks and redeems a care coupon once.
 */
class DormancyAndCouponTest extends MailTestSupport {

	@Autowired
	WorkflowTicker ticker;

	@Autowired
	Coupons coupons;

	@Test
	void theNightlyRunRescoresEveryoneAndFindsDormantCustomers() {
		sayText("zhangsan", "/new 苏州恒通精密机械有限公司 王建国 13812345678");
		sayText("lisi", "/new 无锡新吴区鑫源物流有限公司 赵大勇 13912345678");
		assertThat(sayText("zhangsan", "/dormant")).contains("没有沉睡客户");
		Customer before = customer("苏州恒通");
		int kept = customer("无锡新吴区").score();
		// lisi keeps in touch every month; zhangsan's customer is left alone for 200 days
		for (int month = 0; month < 7; month++) {
			advance(Duration.ofDays(29));
			sayText("lisi", "/log 无锡新吴区鑫源物流有限公司 月度回访");
			ticker.tick();
		}
		Customer after = customer("苏州恒通");
		assertThat(after.score()).as("the 30-days-stale rule applied overnight").isEqualTo(before.score() - 10);
		assertThat(customer("无锡新吴区").score()).as("contacted every month: not stale").isEqualTo(kept);
		String list = sayText("zhangsan", "/沉睡");
		assertThat(list).contains("沉睡客户 1 个", "苏州恒通精密机械有限公司", "6个月未跟进", "张三");
		assertThat(list).doesNotContain("无锡");
		// lisi may not see zhangsan's customers; the east supervisor may
		assertThat(sayText("lisi", "/dormant")).contains("没有沉睡客户");
		assertThat(sayText("zhao", "/dormant")).contains("苏州恒通精密机械有限公司");
		List<Task> care = mongo.find(Query.query(Criteria.where("source").is("care")), Task.class);
		assertThat(care).hasSize(1);
		assertThat(care.get(0).ownerId()).isEqualTo("zhangsan");
		assertThat(care.get(0).title()).contains("客户关怀", "苏州恒通精密机械有限公司");
		// the next night: still dormant, no second task that month
		advance(Duration.ofDays(1));
		ticker.tick();
		assertThat(mongo.count(Query.query(Criteria.where("source").is("care")), Task.class)).isEqualTo(1);
		// a follow-up wakes the customer up at the next evaluation
		sayText("zhangsan", "/log 苏州恒通精密机械有限公司 电话回访，下月续约");
		advance(Duration.ofDays(1));
		ticker.tick();
		assertThat(sayText("zhangsan", "/dormant")).contains("没有沉睡客户");
	}

	@Test
	void aCouponIsCheckedAndRedeemedOnceByWhoeverMaySeeItsCustomer() {
		sayText("zhangsan", "/new 苏州恒通精密机械有限公司 王建国 13812345678");
		Coupon c = coupons.issue("care:2026-12:test", customer("苏州恒通"), Duration.ofDays(30));
		assertThat(coupons.issue("care:2026-12:test", customer("苏州恒通"), Duration.ofDays(30)).id())
			.as("one coupon per care mail")
			.isEqualTo(c.id());
		String code = c.id();
		assertThat(sayText("lisi", "/coupon " + code)).contains("没有找到优惠券");
		assertThat(sayText("zhangsan", "/优惠券 " + code.toLowerCase())).contains("有效", "苏州恒通精密机械有限公司", "2027-01-01",
				"/coupon " + code + " 核销");
		assertThat(sayText("zhangsan", "/coupon " + code + " 核销")).contains("已核销");
		assertThat(sayText("zhao", "/coupon " + code + " 核销")).contains("不能再次使用", "张三");
		assertThat(sayText("zhangsan", "/coupon NOPE-0000")).contains("没有找到优惠券");
		Coupon other = coupons.issue("care:2026-12:other", customer("苏州恒通"), Duration.ofDays(1));
		advance(Duration.ofDays(2));
		assertThat(sayText("zhangsan", "/coupon " + other.id() + " 核销")).contains("已于", "过期");
		assertThat(coupons.redeem(other.id(), "zhangsan")).isEmpty();
	}

	private Customer customer(String name) {
		return mongo.findOne(Query.query(Criteria.where("name").regex("^" + name)), Customer.class);
	}

}
