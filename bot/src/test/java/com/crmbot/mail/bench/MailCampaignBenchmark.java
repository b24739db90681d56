package com.crmbot.mail.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.crmbot.CrmBotApplication;
import com.crmbot.care.CareCampaign;
import com.crmbot.customer.Customer;
import com.crmbot.mail.MailQueue;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.types.ObjectId;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Benchmark (test scope, not part of the build): N dormant customers, the care campaign
 * queues N mails through the durable mail queue, the background senders deliver them to
 * GreenMail over SMTP. Prints queueing time, delivery time and rate, and heap. Run from
 * the repository root:
 *
 * <pre>
 * ./mvnw -q -o test-compile exec:java -pl bot -am -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.crmbot.mail.bench.MailCampaignBenchmark -Dexec.args="10000 4"
 * </pre>
 *
 * Arguments: customers (default 10000), sender threads (default 4).
 */
public final class MailCampaignBenchmark {

	private MailCampaignBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int workers = (args.length > 1) ? Integer.parseInt(args[1]) : 4;
		GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		greenMail.start();
		MongoServer server = new MongoServer(new MemoryBackend());
		InetSocketAddress addr = server.bind();
		ConfigurableApplicationContext app = new SpringApplicationBuilder(CrmBotApplication.class).run(
				"--server.port=0", "--spring.mongodb.uri=mongodb://127.0.0.1:" + addr.getPort() + "/crmbot",
				"--crmbot.config.dir=config", "--crmbot.templates.dir=templates", "--spring.quartz.auto-startup=false",
				"--crmbot.outbox.background=false", "--crmbot.mail.host=127.0.0.1",
				"--crmbot.mail.port=" + greenMail.getSmtp().getPort(), "--crmbot.mail.from=care@example.com",
				"--crmbot.mail.rate-per-minute=100000000", "--crmbot.mail.workers=" + workers,
				"--crmbot.mail.poll-interval=20ms", "--spring.main.banner-mode=off", "--logging.level.root=warn",
				"--logging.level.com.crmbot=warn");
		try {
			MongoTemplate mongo = app.getBean(MongoTemplate.class);
			Instant longAgo = Instant.now().minus(Duration.ofDays(200));
			String[] owners = { "zhangsan", "lisi", "sunli" };
			List<Customer> batch = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				batch.add(new Customer(new ObjectId().toHexString(), "客户" + i + "有限公司", "客户" + i + "有限公司", "bench" + i,
						null, "联系人" + i, "经理", null, null, null, null, null, owners[i % 3], "east", "线索", List.of(),
						Map.of("email", "c" + i + "@bench.example.com"), 0, longAgo, longAgo, longAgo, "bench", null,
						null, null));
				if (batch.size() == 1000) {
					mongo.insertAll(batch);
					batch.clear();
				}
			}
			mongo.insertAll(batch);
			System.gc();
			long heapBefore = usedHeap();
			long peak0 = resetPeaks();
			long t0 = System.nanoTime();
			int queued = app.getBean(CareCampaign.class).run(YearMonth.now(ZoneId.of("Asia/Shanghai")));
			long t1 = System.nanoTime();
			while (greenMail.getReceivedMessages().length < n && System.nanoTime() - t0 < 1_800_000_000_000L) {
				Thread.sleep(100);
			}
			long t2 = System.nanoTime();
			int delivered = greenMail.getReceivedMessages().length;
			long unfinished = app.getBean(MailQueue.class)
				.unfinished(YearMonth.now(ZoneId.of("Asia/Shanghai")).toString());
			double queueS = (t1 - t0) / 1e9;
			double totalS = (t2 - t0) / 1e9;
			System.out.printf("customers=%d queued=%d delivered=%d unfinished=%d senders=%d%n", n, queued, delivered,
					unfinished, workers);
			System.out.printf("queueing: %.1f s (%.0f mails/s)%n", queueS, queued / queueS);
			System.out.printf("queued -> all delivered: %.1f s total, %.0f mails/s end to end%n", totalS,
					delivered / totalS);
			System.out.printf("heap: %d MB used before, %d MB peak (all heap pools) during the run, max %d MB%n",
					heapBefore >> 20, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
			if (peak0 < 0) {
				System.out.println("(no peak usage available)");
			}
		}
		finally {
			app.close();
			server.shutdownNow();
			greenMail.stop();
		}
	}

	private static long usedHeap() {
		Runtime r = Runtime.getRuntime();
		return r.totalMemory() - r.freeMemory();
	}

	private static long resetPeaks() {
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
			if (p.getType() == MemoryType.HEAP) {
				p.resetPeakUsage();
			}
		}
		return 0;
	}

	private static long peakHeap() {
		long sum = 0;
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
			if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
				sum += p.getPeakUsage().getUsed();
			}
		}
		return sum;
	}

}
