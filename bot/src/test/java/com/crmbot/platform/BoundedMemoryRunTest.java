package com.crmbot.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bounded memory: the real application in its own process with the documented heap
 * ({@code -Xmx512m}, file store) imports an N-row lead file over {@code /api/import} and
 * exports all customers over {@code /api/export/customers.csv}; the GC log gives the heap
 * after each collection. Opt-in (not part of the default build):
 * {@code ./mvnw -B -o -pl bot -am test -Dtest=BoundedMemoryRunTest -Dsurefire.failIfNoSpecifiedTests=false -Dmemory.rows=100000}
 */
@EnabledIfSystemProperty(named = "memory.rows", matches = "\\d+")
class BoundedMemoryRunTest {

	private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	@TempDir
	Path tmp;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void aBigImportAndExportRunInsideTheDocumentedHeap() throws Exception {
		int rows = Integer.getInteger("memory.rows", 100_000);
		String heap = System.getProperty("memory.heap", "512m");
		Path data = Files.createDirectories(tmp.resolve("data"));
		Path log = tmp.resolve("app.log");
		Path gcLog = tmp.resolve("gc.log");
		Path csv = tmp.resolve("leads.csv");
		try (var w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			w.write("客户名称,联系人,职务,电话,地区,预算\n");
			for (int i = 0; i < rows; i++) {
				// 10 % repeat an earlier row
				int n = (i % 10 == 9) ? i - 5 : i;
				w.write("内存测试" + n + "号科技有限公司,王总,采购经理," + (13000000000L + n) + ",江苏,50万\n");
			}
		}
		int httpPort = freePort();
		int storePort = freePort();
		Path repo = Path.of("..").toAbsolutePath().normalize();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> cmd = List.of(java, "-Xmx" + heap, "-Xlog:gc:file=" + gcLog, "-cp",
				System.getProperty("java.class.path"), "com.crmbot.CrmBotApplication", "--server.port=" + httpPort,
				"--crmbot.store.in-memory=false", "--crmbot.store.data-dir=" + data, "--crmbot.store.port=" + storePort,
				"--crmbot.config.dir=" + repo.resolve("config"), "--crmbot.templates.dir=" + repo.resolve("templates"),
				"--logging.level.root=warn");
		Process app = new ProcessBuilder(cmd).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
			// up when it answers (health may be down: no chat platform is configured
			// here)
			await().atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofMillis(300)).until(() -> {
				assertThat(app.isAlive()).as("app running: %s", Files.exists(log) ? Files.readString(log) : "")
					.isTrue();
				try {
					return http
						.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
							.build(), HttpResponse.BodyHandlers.ofString())
						.statusCode() > 0;
				}
				catch (IOException ex) {
					return false;
				}
			});
			MongoDatabase db = client.getDatabase("crmbot");
			String token = token(db, "admin");
			long t0 = System.nanoTime();
			HttpResponse<String> up = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/import?file=leads.csv&confirm=true"))
				.timeout(Duration.ofMinutes(30))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofFile(csv))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
			await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
				assertThat(app.isAlive()).as("app running").isTrue();
				Document imp = db.getCollection("imports").find(Filters.eq("fileName", "leads.csv")).first();
				return imp != null && "DONE".equals(imp.getString("state"));
			});
			double importSeconds = (System.nanoTime() - t0) / 1e9;
			String importGc = heapSince(gcLog, 0);
			int gcLines = Files.readAllLines(gcLog).size();
			long customers = db.getCollection("customers").countDocuments();
			long t1 = System.nanoTime();
			HttpResponse<InputStream> down = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/export/customers.csv"))
					.timeout(Duration.ofMinutes(30))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofInputStream());
			assertThat(down.statusCode()).isEqualTo(200);
			long lines = 0;
			try (BufferedReader r = new BufferedReader(new InputStreamReader(down.body(), StandardCharsets.UTF_8))) {
				while (r.readLine() != null) {
					lines++;
				}
			}
			double exportSeconds = (System.nanoTime() - t1) / 1e9;
			assertThat(app.isAlive()).isTrue();
			assertThat(lines - 1).isEqualTo(customers);
			assertThat(customers).isGreaterThanOrEqualTo(rows * 9L / 10);
			assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
			System.out.printf(
					"bounded memory (-Xmx%s): import of %d rows (%d customers) %.1f s, heap %s; "
							+ "export of %d rows %.1f s, heap %s%n",
					heap, rows, customers, importSeconds, importGc, lines - 1, exportSeconds,
					heapSince(gcLog, gcLines));
		}
		finally {
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	/** Max heap before and after collections in the GC log from a line on. */
	private static String heapSince(Path gcLog, int fromLine) throws IOException {
		List<String> all = Files.readAllLines(gcLog);
		int maxBefore = 0;
		int maxAfter = 0;
		int gcs = 0;
		for (String line : all.subList(Math.min(fromLine, all.size()), all.size())) {
			Matcher m = GC.matcher(line);
			if (m.find()) {
				gcs++;
				maxBefore = Math.max(maxBefore, Integer.parseInt(m.group(1)));
				maxAfter = Math.max(maxAfter, Integer.parseInt(m.group(2)));
			}
		}
		return String.format("max %d MB used before a GC, max %d MB after a GC (%d GCs)", maxBefore, maxAfter, gcs);
	}

	private static String token(MongoDatabase db, String owner) throws Exception {
		String token = "crm_memoryrun" + Long.toHexString(System.nanoTime());
		String hash = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		db.getCollection("api_tokens")
			.insertOne(new Document("_id", hash).append("owner", owner)
				.append("label", "memory run")
				.append("shortId", hash.substring(0, 8))
				.append("createdAt", new Date()));
		return token;
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

}
