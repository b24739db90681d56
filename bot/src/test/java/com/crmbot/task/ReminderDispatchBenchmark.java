package com.crmbot.task;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.crmbot.CrmBotApplication;
import com.crmbot.connector.outbox.Outbox;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * 100,000 reminders due in one minute, two instances (test scope, not a test;
 * docs/tasks.md). Instance A runs the default durable embedded store (mongo-java-server +
 * H2 file, fsync on commit) in a fresh directory; instance B is a second application
 * connected to A's store over the wire, as a second server would be. First the store's
 * own bulk write rate is measured on the same store (insertMany of reminder documents in
 * batches of 500, then updateMany over the same documents in id ranges of 500, as the
 * claim does). Then N reminders due in the same minute are inserted; phase 1: both
 * instances dispatch (claim with one updateMany per batch, one bulk outbox insert, one
 * updateMany marking SENT: 3 document writes per reminder); phase 2: both instances'
 * outbox workers deliver to the local inbox (claim, inbox insert, mark SENT: 3 more).
 * Prints times, duplicates and the ratios to the store's rate divided by the writes.
 *
 * <pre>
 * ./mvnw -q -o install -DskipTests -pl connectors
 * MAVEN_OPTS=-Xmx768m ./mvnw -q -o test-compile exec:java -pl bot -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.crmbot.task.ReminderDispatchBenchmark -Dbench.reminders=100000
 * </pre>
 */
public final class ReminderDispatchBenchmark {

	private ReminderDispatchBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int n = Integer.getInteger("bench.reminders", 100_000);
		int limitSeconds = Integer.getInteger("bench.limitSeconds", 1800);
		Path data = Files.createTempDirectory("crm-bench-reminders-");
		String root = Files.isDirectory(Path.of("config")) ? "." : "..";
		int storePort;
		try (ServerSocket s = new ServerSocket(0)) {
			storePort = s.getLocalPort();
		}
		String[] common = { "--server.port=0", "--crmbot.config.dir=" + root + "/config",
				"--crmbot.templates.dir=" + root + "/templates", "--spring.quartz.auto-startup=false",
				"--crmbot.outbox.background=false", "--crmbot.outbox.workers=4", "--crmbot.outbox.poll-interval=20ms",
				"--spring.main.banner-mode=off", "--logging.level.root=warn", "--logging.level.com.crmbot=warn" };
		List<String> argsA = new ArrayList<>(List.of(common));
		argsA.addAll(List.of("--crmbot.store.in-memory=false", "--crmbot.store.data-dir=" + data,
				"--crmbot.store.port=" + storePort));
		ConfigurableApplicationContext a = new SpringApplicationBuilder(CrmBotApplication.class)
			.run(argsA.toArray(String[]::new));
		List<String> argsB = new ArrayList<>(List.of(common));
		argsB.add("--spring.mongodb.uri=mongodb://127.0.0.1:" + storePort + "/crmbot");
		ConfigurableApplicationContext b = new SpringApplicationBuilder(CrmBotApplication.class)
			.run(argsB.toArray(String[]::new));
		int exit = 1;
		try {
			MongoTemplate mongo = a.getBean(MongoTemplate.class);
			Clock clock = a.getBean(Clock.class);
			Instant due = clock.instant().truncatedTo(ChronoUnit.MINUTES);
			String[] users = { "zhangsan", "lisi", "xiaowang", "zhao", "qian", "sunli", "boss", "admin" };

			// the store's own bulk write rate, same store, same kind of documents
			long insertNanos = 0;
			long updateNanos = 0;
			List<Reminder> chunk = new ArrayList<>();
			List<ObjectId> ids = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				ObjectId id = new ObjectId();
				ids.add(id);
				chunk.add(reminder(id.toHexString(), users[i % users.length], i, due));
				if (chunk.size() == 500 || i == n - 1) {
					long t0 = System.nanoTime();
					mongo.insert(chunk, "bench_reminders");
					insertNanos += System.nanoTime() - t0;
					chunk.clear();
				}
			}
			for (int i = 0; i < n; i += 500) {
				ObjectId first = ids.get(i);
				ObjectId last = ids.get(Math.min(n, i + 500) - 1);
				long t0 = System.nanoTime();
				mongo.updateMulti(
						Query.query(
								Criteria.where("_id").gte(first).lte(last).and("status").is(Reminder.Status.PENDING)),
						new Update().set("leaseOwner", "bench").set("leaseUntil", due), "bench_reminders");
				updateNanos += System.nanoTime() - t0;
			}
			ids = null;
			mongo.dropCollection("bench_reminders");
			double insertRate = n / (insertNanos / 1e9);
			double updateRate = n / (updateNanos / 1e9);
			double bulkRate = 2.0 * n / ((insertNanos + updateNanos) / 1e9);
			System.out.printf("store baseline: insertMany %,.0f docs/s, updateMany %,.0f docs/s, together %,.0f "
					+ "document writes/s%n", insertRate, updateRate, bulkRate);

			long t0 = System.nanoTime();
			for (int i = 0; i < n; i++) {
				chunk.add(reminder(new ObjectId().toHexString(), users[i % users.length], i, due));
				if (chunk.size() == 5_000 || i == n - 1) {
					mongo.insertAll(chunk);
					chunk.clear();
				}
			}
			System.out.printf("inserted %,d reminders due within the minute %s in %.1f s%n", n, due, secs(t0));

			// phase 1: both instances dispatch as fast as they go
			long start = System.nanoTime();
			AtomicBoolean stop = new AtomicBoolean();
			List<Thread> dispatchers = new ArrayList<>();
			for (ConfigurableApplicationContext app : List.of(a, b)) {
				ReminderService reminders = app.getBean(ReminderService.class);
				Thread t = new Thread(() -> {
					while (!stop.get()) {
						if (reminders.dispatchDue() == 0) {
							sleep(20);
						}
					}
				}, "dispatcher");
				t.start();
				dispatchers.add(t);
			}
			double dispatched = -1;
			while (secs(start) < limitSeconds) {
				sleep(200);
				if (sent(mongo) == n) {
					dispatched = secs(start);
					break;
				}
			}
			System.out.printf("phase 1: %,d reminders dispatched by two instances (claimed, in the outbox, SENT) in "
					+ "%.1f s = %,.0f/s%n", n, dispatched, n / dispatched);

			// phase 2: both instances' outbox workers deliver to the local inbox
			long deliveryStart = System.nanoTime();
			a.getBean(Outbox.class).start();
			b.getBean(Outbox.class).start();
			long delivered = 0;
			while (delivered < n && secs(start) < limitSeconds) {
				sleep(250);
				delivered = mongo.count(Query.query(Criteria.where("_id").regex("^reminder:")), "local_inbox");
			}
			double deliverySeconds = secs(deliveryStart);
			double total = secs(start);
			stop.set(true);
			for (Thread t : dispatchers) {
				t.join(10_000);
			}
			a.getBean(Outbox.class).stop();
			b.getBean(Outbox.class).stop();
			System.out.printf("phase 2: %,d delivered by the two instances' outboxes in %.1f s = %,.0f/s%n", delivered,
					deliverySeconds, delivered / deliverySeconds);

			Map<String, Integer> perReminder = new HashMap<>();
			for (Document d : mongo.getCollection("local_inbox").find().projection(new Document("_id", 1))) {
				String id = d.get("_id").toString();
				if (id.startsWith("reminder:")) {
					perReminder.merge(id.split(":")[1], 1, Integer::sum);
				}
			}
			long inbox = perReminder.values().stream().mapToLong(Integer::longValue).sum();
			long duplicates = inbox - perReminder.size();
			long outboxed = mongo.count(Query.query(Criteria.where("_id").regex("^reminder:")), "outbox");
			System.out.printf(
					"end to end: %,d of %,d reminders delivered in %.1f s = %,.0f/s; duplicates %,d; "
							+ "outbox entries %,d; reminders SENT %,d%n",
					inbox, n, total, inbox / total, duplicates, outboxed, sent(mongo));
			double goalDispatch = 0.5 * bulkRate / 3;
			double goalTotal = 0.5 * bulkRate / 6;
			System.out.printf(
					"ratios: dispatch %,.0f/s vs store rate / 3 writes = %,.0f/s: %.0f %% (goal ≥ 50 %%); "
							+ "end to end %,.0f/s vs store rate / 6 writes = %,.0f/s: %.0f %% (goal ≥ 50 %%)%n",
					n / dispatched, bulkRate / 3, 100 * (n / dispatched) / (bulkRate / 3), inbox / total, bulkRate / 6,
					100 * (inbox / total) / (bulkRate / 6));
			System.out.printf("goal figures: dispatch ≥ %,.0f/s, end to end ≥ %,.0f/s%n", goalDispatch, goalTotal);
			exit = (inbox == n && duplicates == 0) ? 0 : 1;
		}
		finally {
			b.close();
			a.close();
			org.springframework.util.FileSystemUtils.deleteRecursively(data);
		}
		System.exit(exit);
	}

	private static Reminder reminder(String id, String user, int i, Instant due) {
		return new Reminder(id, id, user, "回访 #" + i, "客户 " + i, due.plusMillis(i % 60_000), false,
				Reminder.Status.PENDING, null, Instant.EPOCH, null, null, null, null, due);
	}

	private static long sent(MongoTemplate mongo) {
		return mongo.count(Query.query(Criteria.where("status").is(Reminder.Status.SENT)), Reminder.class);
	}

	private static double secs(long fromNanos) {
		return (System.nanoTime() - fromNanos) / 1e9;
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
