package com.crmbot.task;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.crmbot.support.SharedStoreInstances;
import com.crmbot.connector.local.LocalInboxEntry;
import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.support.ConfigCopy;
import com.crmbot.testsupport.MutableClock;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on one store, both dispatching through their own Quartz job
 * and outbox workers; one dies mid-run (and one had claimed a batch it never sent). Every
 * reminder is delivered exactly once. Time for due dates and leases is the shared test
 * clock: the test moves it instead of sleeping.
 */
class TwoInstancesTest {

	private static final int REMINDERS = 1500;

	private SharedStoreInstances instances;

	@AfterEach
	void stop() {
		if (instances != null) {
			instances.close();
		}
	}

	private ConfigurableApplicationContext start(String name, Path config, boolean quartz) {
		return instances.start(name, config, "--spring.quartz.auto-startup=" + quartz,
				"--crmbot.outbox.background=true", "--crmbot.outbox.lease=5s", "--crmbot.outbox.poll-interval=50ms",
				"--crmbot.outbox.workers=2");
	}

	private static Path config() {
		return ConfigCopy.of(Path.of("../config"), Map.of("dispatchIntervalSeconds: 10", "dispatchIntervalSeconds: 1",
				"leaseSeconds: 120", "leaseSeconds: 5", "batchSize: 500", "batchSize: 100"));
	}

	@Test
	void everyReminderIsDeliveredExactlyOnceWhileOneInstanceDies() throws Exception {
		instances = new SharedStoreInstances();
		Path config = config();
		MutableClock clock = WorkflowTestSupport.CLOCK;
		Instant t0 = WorkflowTestSupport.START.toInstant();
		clock.set(t0);

		ConfigurableApplicationContext a = start("a", config, false);
		MongoTemplate mongo = a.getBean(MongoTemplate.class);
		String[] users = { "zhangsan", "lisi", "xiaowang", "zhao", "qian", "sunli", "boss", "admin" };
		List<Reminder> due = new ArrayList<>();
		for (int i = 0; i < REMINDERS; i++) {
			String id = new ObjectId().toHexString();
			due.add(new Reminder(id, id, users[i % users.length], "回访 #" + i, "客户" + i, t0.plusSeconds(30), false,
					Reminder.Status.PENDING, null, Instant.EPOCH, null, null, null, null, t0));
		}
		mongo.insertAll(due);

		// instance A claims a batch and dies before sending it (simulated: claimed, never
		// sent)
		clock.set(t0.plusSeconds(31));
		List<Reminder> orphaned = a.getBean(ReminderService.class).claim(50, Duration.ofSeconds(5));
		assertThat(orphaned).hasSize(50);

		a.getBean(org.quartz.Scheduler.class).start();
		ConfigurableApplicationContext b = start("b", config, true);
		// both instances now dispatch (Quartz every second, outbox workers in the
		// background)
		long deadline = System.currentTimeMillis() + 120_000;
		while (sent(mongo) < REMINDERS / 4 && System.currentTimeMillis() < deadline) {
			Thread.sleep(20);
		}
		long sentWhenKilled = sent(mongo);
		a.close(); // instance A goes away mid-run
		MongoTemplate store = b.getBean(MongoTemplate.class);
		// leases of the dead instance expire: move the shared clock past them
		clock.advance(Duration.ofSeconds(10));
		while (delivered(store) < REMINDERS && System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
			if (pendingLeased(store) > 0) {
				clock.advance(Duration.ofSeconds(6));
			}
		}

		assertThat(sentWhenKilled).as("killed mid-run").isLessThan(REMINDERS);
		List<LocalInboxEntry> inbox = store.find(Query.query(Criteria.where("_id").regex("^reminder:")),
				LocalInboxEntry.class);
		Map<String, Integer> perReminder = new HashMap<>();
		for (LocalInboxEntry e : inbox) {
			perReminder.merge(e.id().split(":")[1], 1, Integer::sum);
		}
		assertThat(perReminder).hasSize(REMINDERS);
		assertThat(perReminder.values()).allMatch((n) -> n == 1);
		for (Reminder r : orphaned) {
			assertThat(perReminder).containsKey(r.id());
		}
		assertThat(store.count(Query.query(Criteria.where("status").is(Reminder.Status.SENT)), Reminder.class))
			.isEqualTo(REMINDERS);
		assertThat(store.count(Query.query(Criteria.where("_id").regex("^reminder:")), OutboxEntry.class))
			.isEqualTo(REMINDERS);
		// the reminder went to its own user
		LocalInboxEntry one = inbox.get(0);
		assertThat(one.reply().text()).contains("回访 #");
	}

	private static long sent(MongoTemplate mongo) {
		return mongo.count(Query.query(Criteria.where("status").is(Reminder.Status.SENT)), Reminder.class);
	}

	private static long delivered(MongoTemplate mongo) {
		return mongo.count(Query.query(Criteria.where("_id").regex("^reminder:")), LocalInboxEntry.class);
	}

	private static long pendingLeased(MongoTemplate mongo) {
		return mongo
			.count(Query.query(new Criteria().orOperator(Criteria.where("status").is(Reminder.Status.PENDING),
					Criteria.where("status").is(OutboxEntry.Status.SENDING))), Reminder.class)
				+ mongo.count(Query.query(Criteria.where("status").is(OutboxEntry.Status.SENDING)), OutboxEntry.class);
	}

}
