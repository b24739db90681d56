package com.crmbot.platform;

import com.crmbot.testsupport.PlatformStub;
import com.crmbot.testsupport.WecomTestCrypto;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.crmbot.CrmBotApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Inbound WeCom callbacks benchmark (test scope, not a test; docs/store.md): boots the
 * whole bot with WeCom enabled on the default durable embedded store (mongo-java-server +
 * H2 file, fsync on commit) in a fresh directory, the qyapi host pointed at a local stub,
 * and a bare endpoint in the same application ({@link BareWecomEndpoint}: verify,
 * decrypt, one insert). The same load (signed, encrypted text inquiries from a rep, each
 * a new customer with its own phone and company, prepared before timing) is sent from
 * {@code -Dbench.connections} (16) client threads to the bare endpoint, then to the bot,
 * {@code -Dbench.messages} (3,000) each after a warm-up. Prints each side's ack rate and
 * ack latency (p50/p99/max), the bot's end-to-end rate (until every message is filed as a
 * follow-up) and the ratios. Answers that miss the passive budget are queued durably in
 * the outbox (part of the measured work) but the outbox workers are off: delivering them
 * is the outbox's own benchmark.
 *
 * <pre>
 * ./mvnw -q -o install -DskipTests -pl connectors
 * MAVEN_OPTS=-Xmx768m ./mvnw -q -o test-compile exec:java -pl bot -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.crmbot.platform.WecomCallbackBenchmark
 * </pre>
 */
public final class WecomCallbackBenchmark {

	private WecomCallbackBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int messages = Integer.getInteger("bench.messages", 3000);
		int connections = Integer.getInteger("bench.connections", 16);
		int warmup = Integer.getInteger("bench.warmup", 400);
		PlatformStub stub = new PlatformStub();
		Path data = Files.createTempDirectory("crm-bench-wecom-");
		String root = Files.isDirectory(Path.of("config")) ? "." : "..";
		SpringApplication app = new SpringApplication(CrmBotApplication.class);
		try (ConfigurableApplicationContext ctx = app.run("--server.port=0", "--crmbot.store.in-memory=false",
				"--crmbot.store.data-dir=" + data, "--crmbot.config.dir=" + root + "/config",
				"--crmbot.templates.dir=" + root + "/templates", "--crmbot.bench.bare-endpoint=true",
				"--crmbot.wecom.enabled=true", "--crmbot.wecom.corp-id=" + PlatformTestSupport.CORP_ID,
				"--crmbot.wecom.agent-id=1000002", "--crmbot.wecom.secret=app-secret-value-bench",
				"--crmbot.wecom.token=" + PlatformTestSupport.WECOM_TOKEN,
				"--crmbot.wecom.encoding-aes-key=" + PlatformTestSupport.AES_KEY,
				"--crmbot.wecom.api-base-url=" + stub.baseUrl(), "--crmbot.outbox.background=false",
				"--spring.quartz.auto-startup=false", "--logging.level.root=warn", "--spring.main.banner-mode=off")) {
			int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
			MongoTemplate mongo = ctx.getBean(MongoTemplate.class);
			WecomTestCrypto crypto = new WecomTestCrypto(PlatformTestSupport.WECOM_TOKEN, PlatformTestSupport.AES_KEY,
					PlatformTestSupport.CORP_ID);
			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(10))
				.executor(Executors.newFixedThreadPool(4))
				.build();
			String bot = "http://127.0.0.1:" + port + "/wecom/callback";
			String bare = bot + "/bare";

			System.out.printf("warm-up: %,d callbacks to each endpoint%n", warmup);
			run(http, bare, requests(crypto, "warmbare", 0, warmup), connections);
			Result warm = run(http, bot, requests(crypto, "warmbot", 500_000, warmup), connections);
			awaitFiled(mongo, "warmbot", warmup, warm.started);

			List<String[]> bareLoad = requests(crypto, "bare", 1_000_000, messages);
			List<String[]> botLoad = requests(crypto, "bot", 2_000_000, messages);

			Result b = run(http, bare, bareLoad, connections);
			long bareStored = mongo.count(Query.query(Criteria.where("_id").regex("^wecom:msg:bare")),
					BareWecomEndpoint.COLLECTION);
			System.out.printf(
					"bare endpoint: %,d callbacks, %d not 200, %.0f acks/s, ack p50 %.1f ms, p99 %.1f ms, "
							+ "max %.1f ms; %,d stored%n",
					messages, b.errors, b.rate(), b.p(50), b.p(99), b.max(), bareStored);

			Result r = run(http, bot, botLoad, connections);
			System.out.printf(
					"bot: %,d callbacks, %d not 200, %.0f acks/s, ack p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
							+ "%d answered passively%n",
					messages, r.errors, r.rate(), r.p(50), r.p(99), r.max(), r.passive);
			double filedSeconds = awaitFiled(mongo, "bot", messages, r.started);
			double filedRate = messages / filedSeconds;
			long customers = mongo.count(Query.query(Criteria.where("source").is("inquiry")), "customers");
			System.out.printf(
					"bot: every message filed after %.1f s (%.0f messages/s end to end); %,d follow-ups, "
							+ "%,d customers created by inquiries (incl. warm-up)%n",
					filedSeconds, filedRate, count(mongo, "bot"), customers);
			System.out.printf(
					"ratios: bot acks/s ÷ bare = %.0f %%; bot filed/s ÷ bare = %.0f %% (goal ≥ 50 %%); "
							+ "bot ack p99 %.1f ms (goal ≤ 50 ms)%n",
					100 * r.rate() / b.rate(), 100 * filedRate / b.rate(), r.p(99));
		}
		// the stub's and the client's threads
		System.exit(0);
	}

	private static long count(MongoTemplate mongo, String prefix) {
		return mongo.count(
				Query.query(Criteria.where("platform").is("wecom").and("platformMessageId").regex("^" + prefix)),
				"followups");
	}

	/** Seconds from the phase's start until all its messages are filed. */
	private static double awaitFiled(MongoTemplate mongo, String prefix, int n, long started) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		while (count(mongo, prefix) < n) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("only " + count(mongo, prefix) + " of " + n + " filed");
			}
			Thread.sleep(20);
		}
		return (System.nanoTime() - started) / 1e9;
	}

	private static List<String[]> requests(WecomTestCrypto crypto, String prefix, int base, int n) throws Exception {
		List<String[]> out = new ArrayList<>(n);
		String ts = Long.toString(System.currentTimeMillis() / 1000);
		for (int i = 0; i < n; i++) {
			int k = base + i;
			String company = "苏州压测" + CrashHarnessTest.toChinese(k) + "精密机械有限公司";
			String text = company + "的王建国总经理来电，想了解MES系统，预算大概50万，电话" + String.format("1392%07d", k);
			String xml = "<xml><ToUserName><![CDATA[" + PlatformTestSupport.CORP_ID
					+ "]]></ToUserName><FromUserName><![CDATA[ZhangSan]]></FromUserName><CreateTime>" + ts
					+ "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + text
					+ "]]></Content><MsgId>" + prefix + k + "</MsgId><AgentID>1000002</AgentID></xml>";
			out.add(crypto.callback(xml, ts, "n" + k));
		}
		return out;
	}

	private static Result run(HttpClient http, String url, List<String[]> load, int connections) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(connections);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		AtomicInteger passive = new AtomicInteger();
		long[] nanos = new long[load.size()];
		long started = System.nanoTime();
		List<Future<?>> fs = new ArrayList<>();
		for (int t = 0; t < connections; t++) {
			fs.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < load.size()) {
					String[] qb = load.get(i);
					HttpRequest req = HttpRequest.newBuilder(URI.create(url + "?" + qb[0]))
						.timeout(Duration.ofSeconds(60))
						.header("Content-Type", "text/xml")
						.POST(HttpRequest.BodyPublishers.ofString(qb[1], StandardCharsets.UTF_8))
						.build();
					long t0 = System.nanoTime();
					try {
						HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
						if (resp.statusCode() != 200) {
							errors.incrementAndGet();
						}
						else if (!resp.body().isEmpty()) {
							passive.incrementAndGet();
						}
					}
					catch (Exception ex) {
						errors.incrementAndGet();
					}
					nanos[i] = System.nanoTime() - t0;
				}
				return null;
			}));
		}
		for (Future<?> f : fs) {
			f.get();
		}
		long elapsed = System.nanoTime() - started;
		pool.shutdown();
		return new Result(nanos, elapsed, started, errors.get(), passive.get());
	}

	private record Result(long[] nanos, long elapsed, long started, int errors, int passive) {

		double rate() {
			return nanos.length / (elapsed / 1e9);
		}

		double p(int pct) {
			long[] sorted = nanos.clone();
			Arrays.sort(sorted);
			return sorted[Math.min(sorted.length - 1, (int) Math.ceil(pct / 100.0 * sorted.length) - 1)] / 1e6;
		}

		double max() {
			return Arrays.stream(nanos).max().orElse(0) / 1e6;
		}

	}

}
