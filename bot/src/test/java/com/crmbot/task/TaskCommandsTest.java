package com.crmbot.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Reply;
import com.crmbot.connector.local.LocalInboxEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /task /tasks /done /snooze /reschedule end to end, with reminders delivered through the
 * outbox.
 */
class TaskCommandsTest extends WorkflowTestSupport {

	@Autowired
	TaskService tasks;

	@Autowired
	InboundMessageHandler bot;

	@BeforeEach
	void customer() {
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
	}

	private Task onlyTask() {
		List<Task> all = mongo.findAll(Task.class);
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	private long remindersIn(String user) {
		return mongo.count(Query.query(Criteria.where("userKey").is(user).and("_id").regex("^reminder:")),
				LocalInboxEntry.class);
	}

	private JsonNode post(String user, String text) {
		Response r = post("/api/local/messages",
				Map.of("user", user, "text", text, "messageId", "m-" + System.nanoTime()));
		assertThat(r.status()).isEqualTo(200);
		return r.json().get("replies");
	}

	private List<Reply> click(String user, String command) {
		return bot.onEvent(new ChatEvent("click-" + System.nanoTime(), Platform.LOCAL, ChatEvent.BUTTON_CLICKED, user,
				Instant.now(), Map.of("key", "k", "command", command)));
	}

	@Test
	void aTaskIsRemindedOnceAtItsTimeWithButtonsAndCanBeSnoozedAndDone() {
		String created = sayText("zhangsan", "/task 恒通 回访报价 明天下午3点 urgent");
		assertThat(created).contains("已创建任务", "回访报价", "2026-12-03 15:00", "紧急");
		Task t = onlyTask();
		assertThat(t.priority()).isEqualTo(Task.Priority.URGENT);
		assertThat(sayText("zhangsan", "/tasks")).contains("回访报价", TaskService.shortId(t.id()));

		// not yet due: nothing goes out
		assertThat(reminders.dispatchDue()).isZero();
		CLOCK.set(START.plusDays(1).withHour(15).toInstant());
		assertThat(reminders.dispatchDue()).isEqualTo(1);
		assertThat(reminders.dispatchDue()).isZero();
		outbox.drain();
		assertThat(remindersIn("zhangsan")).isEqualTo(1);
		String inbox = inbox("zhangsan");
		assertThat(inbox).contains("回访报价", "苏州恒通机械有限公司", "/done " + t.id(), "/snooze " + t.id() + " 1h");
		assertThat(reminders.byId(t.id()).orElseThrow().status()).isEqualTo(Reminder.Status.SENT);

		// the snooze button (a click runs its command for the clicking user)
		assertThat(click("zhangsan", "/snooze " + t.id() + " 1h").get(0).text()).contains("2026-12-03 16:00");
		assertThat(reminders.dispatchDue()).isZero();
		advance(Duration.ofHours(1));
		assertThat(reminders.dispatchDue()).isEqualTo(1);
		outbox.drain();
		assertThat(remindersIn("zhangsan")).isEqualTo(2);

		assertThat(sayText("zhangsan", "/done " + TaskService.shortId(t.id()))).contains("已完成");
		assertThat(sayText("zhangsan", "/done " + TaskService.shortId(t.id()))).contains("已经完成");
		assertThat(tasks.byId(t.id()).orElseThrow().status()).isEqualTo(Task.Status.DONE);
		assertThat(reminders.byId(t.id()).orElseThrow().status()).isEqualTo(Reminder.Status.ACKED);
		assertThat(sayText("zhangsan", "/tasks")).contains("没有未完成的任务");
	}

	@Test
	void snoozingATaskDueLaterMovesItLaterNeverEarlier() {
		sayText("zhangsan", "/task 恒通 发合同 2026-12-08 10:00");
		Task t = onlyTask();
		String answer = sayText("zhangsan", "/snooze " + TaskService.shortId(t.id()) + " 2d");
		assertThat(answer).contains("2026-12-10 10:00");
		assertThat(tasks.byId(t.id()).orElseThrow().dueAt()).isEqualTo(t.dueAt().plus(Duration.ofDays(2)));
		// an overdue task is snoozed from now
		CLOCK.set(START.plusDays(10).toInstant());
		Instant now = CLOCK.instant();
		sayText("zhangsan", "/snooze " + TaskService.shortId(t.id()) + " 1h");
		assertThat(tasks.byId(t.id()).orElseThrow().dueAt()).isEqualTo(now.plus(Duration.ofHours(1)));
	}

	@Test
	void tasksListsOverdueFirst() {
		sayText("zhangsan", "/task 恒通 发合同 3天后");
		sayText("zhangsan", "/task 恒通 打电话 in 2 hours");
		advance(Duration.ofHours(3));
		String list = sayText("zhangsan", "/tasks");
		assertThat(list).contains("逾期 1 个");
		assertThat(list.indexOf("打电话")).isLessThan(list.indexOf("发合同"));
		assertThat(list).containsSubsequence("逾期", "打电话", "发合同");
	}

	@Test
	void anAmbiguousTimeIsConfirmedBackNotGuessed() {
		JsonNode replies = post("zhangsan", "/task 恒通 回访 明天3点");
		String text = replies.get(0).get("text").asString();
		assertThat(text).contains("2026-12-03 15:00", "2026-12-03 03:00", "/task confirm");
		assertThat(count(Task.class)).isZero();
		String command = replies.get(0).get("buttons").get(0).get("command").asString();
		assertThat(command).startsWith("/task confirm ");
		assertThat(click("zhangsan", command).get(0).text()).contains("已创建任务", "2026-12-03 15:00");
		// a second click on the same button creates nothing more
		assertThat(click("zhangsan", command).get(0).text()).contains("已经确认过");
		assertThat(count(Task.class)).isEqualTo(1);
		assertThat(onlyTask().dueAt()).isEqualTo(START.plusDays(1).withHour(15).toInstant());
	}

	@Test
	void aPastTimeIsRefusedOrConfirmed() {
		String past = sayText("zhangsan", "/task 恒通 回访 今天上午9点");
		assertThat(past).contains("已经过去", "2026-12-03 09:00");
		assertThat(sayText("zhangsan", "/task 恒通 回访 2026-11-01 14:30")).contains("已经过去", "将来");
		assertThat(count(Task.class)).isZero();
	}

	@Test
	void badInputGetsAClearAnswerAndWritesNothing() {
		assertThat(sayText("zhangsan", "/task 不存在的公司 回访 明天下午3点")).contains("没有找到客户");
		assertThat(sayText("zhangsan", "/task 恒通 回访 报价")).contains("没看懂时间");
		assertThat(sayText("zhangsan", "/task")).contains("用法");
		assertThat(sayText("zhangsan", "/done ffffff")).contains("没有找到你的任务");
		assertThat(sayText("zhangsan", "/snooze")).contains("用法");
		assertThat(count(Task.class)).isZero();
		assertThat(count(Reminder.class)).isZero();
		// someone else's task
		sayText("zhangsan", "/task 恒通 回访 明天下午3点");
		Task t = onlyTask();
		assertThat(sayText("lisi", "/done " + t.id())).contains("不是你的");
		assertThat(sayText("lisi", "/snooze " + TaskService.shortId(t.id()))).contains("没有找到你的任务");
		assertThat(tasks.byId(t.id()).orElseThrow().status()).isEqualTo(Task.Status.OPEN);
	}

	@Test
	void rescheduleMovesTheReminderAndConfirmsAmbiguity() {
		sayText("zhangsan", "/task 恒通 回访 明天下午3点");
		Task t = onlyTask();
		String id = TaskService.shortId(t.id());
		assertThat(sayText("zhangsan", "/reschedule " + id + " 下周一上午10点")).contains("2026-12-07 10:00");
		assertThat(reminders.byId(t.id()).orElseThrow().dueAt()).isEqualTo(START.plusDays(5).toInstant());
		JsonNode replies = post("zhangsan", "/reschedule " + id + " 下周二");
		assertThat(replies.get(0).get("text").asString()).contains("2026-12-08 09:00");
		String command = replies.get(0).get("buttons").get(0).get("command").asString();
		assertThat(click("zhangsan", command).get(0).text()).contains("已改到 2026-12-08 09:00");
		CLOCK.set(START.plusDays(6).withHour(9).toInstant());
		assertThat(reminders.dispatchDue()).isEqualTo(1);
		outbox.drain();
		assertThat(remindersIn("zhangsan")).isEqualTo(1);
	}

	@Test
	void englishUsersGetEnglish() {
		// admin's locale is en; admin sees every customer
		assertThat(sayText("admin", "/task 恒通 \"send quote\" tomorrow 9am")).contains("Task", "created",
				"2026-12-03 09:00");
	}

}
