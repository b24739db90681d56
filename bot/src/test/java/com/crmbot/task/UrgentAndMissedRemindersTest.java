package com.crmbot.task;

import java.time.Duration;
import java.util.List;

import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.schedule.WorkflowTicker;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerKey;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Urgent reminders: SMS through the HTTP gateway (local stub), escalation; /reminders
 * missed.
 */
class UrgentAndMissedRemindersTest extends WorkflowTestSupport {

	@Autowired
	WorkflowTicker ticker;

	@Autowired
	Scheduler scheduler;

	private Task urgentTask(String user, String company) {
		assertThat(sayText(user, "/new " + company + " 王总")).isNotBlank();
		assertThat(sayText(user, "/task " + company + " 紧急回电 in 1 hour urgent")).contains("紧急");
		return mongo.findOne(Query.query(Criteria.where("ownerId").is(user)), Task.class);
	}

	@Test
	void quartzDrivesTheDispatchEveryConfiguredInterval() throws Exception {
		assertThat(scheduler.getJobDetail(JobKey.jobKey("workflow-dispatch"))).isNotNull();
		SimpleTrigger t = (SimpleTrigger) scheduler.getTrigger(TriggerKey.triggerKey("workflow-dispatch-trigger"));
		assertThat(t.getRepeatInterval()).isEqualTo(10_000L);
	}

	@Test
	void anUrgentReminderAlsoGoesBySmsAndEscalatesWhenNotAcknowledged() {
		Task t = urgentTask("zhangsan", "苏州恒通机械有限公司");
		advance(Duration.ofHours(1));
		ticker.tick();
		outbox.drain();
		assertThat(inbox("zhangsan")).contains("紧急回电", "/done " + t.id());
		assertThat(SMS.bodies).hasSize(1);
		assertThat(SMS.bodies.get(0)).contains("+8613800000001", "紧急回电", "sms:" + t.id());
		assertThat(SMS.auth).containsExactly("Bearer test-sms-key");

		// 29 minutes: not yet; 30: the supervisor hears of it, once
		advance(Duration.ofMinutes(29));
		ticker.tick();
		outbox.drain();
		assertThat(inbox("zhao")).doesNotContain("升级");
		advance(Duration.ofMinutes(1));
		ticker.tick();
		ticker.tick();
		outbox.drain();
		assertThat(inboxTexts("zhao")).hasSize(1);
		assertThat(inbox("zhao")).contains("升级", "张三", "紧急回电");
		assertThat(SMS.bodies).hasSize(1);
	}

	@Test
	void anAcknowledgedUrgentReminderIsNotEscalated() {
		Task t = urgentTask("zhangsan", "苏州恒通机械有限公司");
		advance(Duration.ofHours(1));
		ticker.tick();
		outbox.drain();
		assertThat(sayText("zhangsan", "/snooze " + TaskService.shortId(t.id()) + " 2h")).contains("再提醒");
		advance(Duration.ofMinutes(45));
		ticker.tick();
		outbox.drain();
		assertThat(inboxTexts("zhao")).isEmpty();
	}

	@Test
	void smsGatewayFailuresAreRetriedThenReported() {
		SMS.status.set(503);
		Task t = urgentTask("zhangsan", "苏州恒通机械有限公司");
		advance(Duration.ofHours(1));
		ticker.tick();
		assertThat(SMS.bodies).hasSize(1);
		SmsMessage m = mongo.findAll(SmsMessage.class).get(0);
		assertThat(m.status()).isEqualTo(SmsMessage.Status.PENDING);
		assertThat(m.lastError()).contains("503");
		SMS.status.set(400);
		advance(Duration.ofMinutes(1));
		ticker.tick();
		assertThat(mongo.findAll(SmsMessage.class).get(0).status()).isEqualTo(SmsMessage.Status.FAILED);
		assertThat(sayText("zhangsan", "/reminders missed")).contains("紧急回电", "短信发送失败", "HTTP 400");
		assertThat(t).isNotNull();
	}

	@Test
	void missedRemindersShowTheReasonToTheOwnerAndTheSupervisor() {
		Task t = urgentTask("zhangsan", "苏州恒通机械有限公司");
		// xiaowang has no mobile number
		assertThat(sayText("xiaowang", "/new 杭州新锐科技有限公司 李经理")).isNotBlank();
		assertThat(sayText("xiaowang", "/task 新锐 紧急报价 in 1 hour urgent")).contains("紧急");
		assertThat(sayText("zhangsan", "/reminders missed")).contains("没有未送达");
		advance(Duration.ofHours(1));
		ticker.tick();
		outbox.drain();
		// a delivery that finally failed on the platform
		Reminder r = reminders.byId(t.id()).orElseThrow();
		mongo.updateFirst(Query.query(Criteria.where("_id").is(r.outboxKey())),
				new Update().set("status", OutboxEntry.Status.FAILED).set("lastError", "access_token expired (42001)"),
				OutboxEntry.class);

		// and one held back by the platform's rate limit, waiting for its retry
		Reminder x = mongo.findOne(Query.query(Criteria.where("userId").is("xiaowang")), Reminder.class);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(x.outboxKey())),
				new Update().set("status", OutboxEntry.Status.PENDING).set("lastError", "rate limited (45009)"),
				OutboxEntry.class);
		assertThat(sayText("xiaowang", "/reminders missed")).contains("紧急报价", "发送延迟，正在重试", "45009");
		mongo.updateFirst(Query.query(Criteria.where("_id").is(x.outboxKey())),
				new Update().set("status", OutboxEntry.Status.SENT).unset("lastError"), OutboxEntry.class);

		String mine = sayText("zhangsan", "/reminders missed");
		assertThat(mine).contains("紧急回电", "发送失败", "42001").doesNotContain("紧急报价");
		String supervisor = sayText("zhao", "/reminders missed");
		assertThat(supervisor).contains("紧急回电", "张三", "紧急报价", "没有手机号");
		assertThat(sayText("zhao", "/reminders missed xiaowang")).contains("紧急报价").doesNotContain("紧急回电");
		assertThat(sayText("qian", "/reminders missed")).contains("没有未送达");
		assertThat(sayText("qian", "/reminders missed zhangsan")).contains("不能查看");
		assertThat(sayText("lisi", "/reminders missed zhangsan")).contains("不能查看");
		assertThat(sayText("zhangsan", "/reminders")).contains("用法");

		// not acknowledged within ackMinutes (120)
		advance(Duration.ofMinutes(121));
		ticker.tick();
		assertThat(sayText("zhao", "/reminders missed xiaowang")).contains("分钟未确认", "已升级给主管");
		List<String> en = say("admin", "/reminders missed xiaowang");
		assertThat(String.join("\n", en)).contains("not acknowledged", "no mobile number");
	}

}
