package com.crmbot.task.bench;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.crmbot.CrmBotApplication;
import com.crmbot.support.ConfigCopy;
import com.crmbot.task.Reminder;
import com.crmbot.task.ReminderService;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Benchmark: N reminders (default 100,000) due in the same minute, dispatched (claim in
 * batches, enqueue in the outbox, mark sent) and delivered by the outbox workers to the
 * local stub platform (the web-chat inbox). Prints the time until all are delivered and
 * the duplicate count. Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl bot -am test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=com.crmbot.task.bench.ReminderBenchmark -Dexec.args="100000 2 240 5000"
 * </pre>
 *
 * Arguments: reminder count, dispatcher threads (each acts like one more instance), time
 * limit in seconds, claim batch size ({@code reminders.batchSize}). It reports separately
 * when every reminder was dispatched (claimed, in the outbox, marked SENT) and when every
 * one was delivered by the outbox.
 */
public final class ReminderBenchmark {

	private ReminderBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int dispatchers = (args.length > 1) ? Integer.parseInt(args[1]) : 2;
		int limitSeconds = (args.length > 2) ? Integer.parseInt(args[2]) : 1800;
		int batchSize = (args.length > 3) ? Integer.parseInt(args[3]) : 500;
		// the repository's config/, with the batch size of this run
		java.nio.file.Path config = ConfigCopy.of(java.nio.file.Path.of("config"),
				java.util.Map.of("batchSize: 500", "batchSize: " + batchSize));
		MongoServer server = new MongoServer(new MemoryBackend());
		InetSocketAddress addr = server.bind();
		String uri = "mongodb://127.0.0.1:" + addr.getPort() + "/crmbot";
		ConfigurableApplicationContext app = new SpringApplicationBuilder(CrmBotApplication.class).run(
				"--server.port=0", "--spring.mongodb.uri=" + uri, "--crmbot.config.dir=" + config,
				// the test classpath's application.properties points at ../templates
				// (tests run in bot/)
				"--crmbot.templates.dir=templates", "--spring.quartz.auto-startup=false",
				"--crmbot.outbox.background=false", "--crmbot.outbox.workers=4", "--crmbot.outbox.poll-interval=20ms",
				"--spring.main.banner-mode=off", "--logging.level.root=warn", "--logging.level.com.crmbot=warn");
		int exit = 0;
		try {
			MongoTemplate mongo = app.getBean(MongoTemplate.class);
			ReminderService reminders = app.getBean(ReminderService.class);
			Clock clock = app.getBean(Clock.class);
			Instant due = clock.instant().truncatedTo(ChronoUnit.MINUTES);
			String[] users = { "zhangsan", "lisi", "xiaowang", "zhao", "qian", "sunli", "boss", "admin" };
			long t0 = System.nanoTime();
			List<Reminder> chunk = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				String id = new ObjectId().toHexString();
				chunk.add(
						new Reminder(id, id, users[i % users.length], "回访 #" + i, "客户 " + i, due.plusMillis(i % 60_000),
								false, Reminder.Status.PENDING, null, Instant.EPOCH, null, null, null, null, due));
				if (chunk.size() == 5_000) {
					mongo.insertAll(chunk);
					chunk.clear();
				}
			}
			mongo.insertAll(chunk);
			System.out.printf("inserted %,d reminders due %s in %.1f s%n", n, due, secs(t0));

			// phase 1: dispatch (claim in batches, enqueue in the outbox, mark SENT), as
			// fast as it goes
			long start = System.nanoTime();
			AtomicBoolean done = new AtomicBoolean();
			ExecutorService pool = Executors.newFixedThreadPool(dispatchers);
			for (int i = 0; i < dispatchers; i++) {
				pool.submit(() -> {
					while (!done.get()) {
						if (reminders.dispatchDue() == 0) {
							sleep(20);
						}
					}
				});
			}
			double dispatchedAt = -1;
			while (secs(start) < limitSeconds) {
				sleep(250);
				if (mongo.count(new Query(
						org.springframework.data.mongodb.core.query.Criteria.where("status").is(Reminder.Status.SENT)),
						Reminder.class) == n) {
					dispatchedAt = secs(start);
					System.out.printf(
							"phase 1: all %,d reminders dispatched (claimed, in the outbox, marked SENT) in %.1f s%n",
							n, dispatchedAt);
					break;
				}
			}
			// phase 2: the outbox workers deliver to the local stub platform (web-chat
			// inbox)
			long deliveryStart = System.nanoTime();
			app.getBean(com.crmbot.connector.outbox.Outbox.class).start();
			long delivered = 0;
			long lastPrint = System.nanoTime();
			while (delivered < n && secs(start) < limitSeconds) {
				sleep(500);
				delivered = mongo.getCollection("local_inbox").countDocuments();
				if (System.nanoTime() - lastPrint > 10_000_000_000L) {
					System.out.printf("  %.0f s: %,d delivered%n", secs(start), delivered);
					lastPrint = System.nanoTime();
				}
			}
			System.out.printf("phase 2: outbox delivered %,d in %.1f s (%.0f/s)%n", delivered, secs(deliveryStart),
					delivered / secs(deliveryStart));
			double elapsed = secs(start);
			done.set(true);
			pool.shutdown();
			pool.awaitTermination(10, TimeUnit.SECONDS);
			app.getBean(com.crmbot.connector.outbox.Outbox.class).stop();
			// duplicates: deliveries beyond one per reminder (inbox ids are the outbox
			// keys reminder:<id>:<due>)
			java.util.Map<String, Integer> perReminder = new java.util.HashMap<>();
			for (Document d : mongo.getCollection("local_inbox").find().projection(new Document("_id", 1))) {
				perReminder.merge(d.get("_id").toString().split(":")[1], 1, Integer::sum);
			}
			long inbox = perReminder.values().stream().mapToLong(Integer::longValue).sum();
			long distinct = perReminder.size();
			long sent = mongo.count(new Query(
					org.springframework.data.mongodb.core.query.Criteria.where("status").is(Reminder.Status.SENT)),
					Reminder.class);
			System.out.printf("delivered %,d of %,d reminders in %.1f s; reminders SENT %,d; duplicates %,d%n", inbox,
					n, elapsed, sent, inbox - distinct);
			long outboxed = mongo.getCollection("outbox").countDocuments(new Document());
			System.out.printf("outbox entries %,d (one per reminder: %s)%n", outboxed, outboxed == n);
			exit = (inbox == n && inbox == distinct) ? 0 : 1;
		}
		finally {
			app.close();
			server.shutdownNow();
		}
		System.exit(exit);
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
