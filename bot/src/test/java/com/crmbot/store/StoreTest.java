package com.crmbot.store;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.crmbot.CrmBotApplication;
import com.crmbot.security.ApiTokens;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store choice: the embedded server keeps data across restarts under its data
 * directory; with spring.mongodb.uri set, that server is used and nothing embedded
 * starts.
 */
class StoreTest {

	@TempDir
	Path data;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void embeddedDataSurvivesARestart() throws Exception {
		try (ConfigurableApplicationContext app = start("--crmbot.store.in-memory=false",
				"--crmbot.store.data-dir=" + data)) {
			String reply = say(app, "zhangsan", "苏州恒通精密机械有限公司来电询价，电话0512-68001234");
			assertThat(reply).contains("已归档跟进");
			assertThat(app.getBeansOfType(MongoServer.class)).hasSize(1);
		}
		assertThat(Files.exists(data.resolve("crm.mv"))).isTrue();
		try (ConfigurableApplicationContext app = start("--crmbot.store.in-memory=false",
				"--crmbot.store.data-dir=" + data)) {
			assertThat(say(app, "zhangsan", "/find 恒通")).contains("苏州恒通精密机械有限公司")
				.contains("【咨询】")
				.contains("0512 6800 1234");
		}
	}

	@Test
	void anOnlineBackupRestoresIntoAFreshDataDirectory(@TempDir Path backups, @TempDir Path fresh) throws Exception {
		try (ConfigurableApplicationContext app = start("--crmbot.store.in-memory=false",
				"--crmbot.store.data-dir=" + data, "--crmbot.store.backup.dir=" + backups,
				"--crmbot.store.backup.keep=2")) {
			assertThat(say(app, "zhangsan", "苏州恒通精密机械有限公司来电询价，电话0512-68001234")).contains("已归档跟进");
			String reply = say(app, "admin", "/备份");
			// the admin reads English (config/org.yaml)
			assertThat(reply).contains("Backed up the embedded store").contains(backups.toString());
			// not for reps
			assertThat(say(app, "zhangsan", "/backup")).doesNotContain("已备份内置数据库")
				.doesNotContain("Backed up the embedded store");
			// the newest two copies are kept
			BackupService service = app.getBean(BackupService.class);
			Thread.sleep(1100);
			service.backupNow();
			Thread.sleep(1100);
			service.backupNow();
			assertThat(service.backups()).hasSize(2);
			Files.copy(service.backups().get(0), fresh.resolve("crm.mv"));
		}
		// restore: the copy as crm.mv in an empty data directory, then start
		try (ConfigurableApplicationContext app = start("--crmbot.store.in-memory=false",
				"--crmbot.store.data-dir=" + fresh)) {
			assertThat(say(app, "zhangsan", "/find 恒通")).contains("苏州恒通精密机械有限公司").contains("0512 6800 1234");
		}
	}

	@Test
	void aSecondInstanceOnALockedDataDirectoryIsRefusedWithOneClearReason() {
		try (ConfigurableApplicationContext app = start("--crmbot.store.in-memory=false",
				"--crmbot.store.data-dir=" + data)) {
			Throwable t = org.assertj.core.api.Assertions
				.catchThrowable(() -> start("--crmbot.store.in-memory=false", "--crmbot.store.data-dir=" + data));
			while (t != null && !(t instanceof StoreLockedException)) {
				t = t.getCause();
			}
			assertThat(t).isNotNull().hasMessageContaining("in use by another crm-bot process");
		}
	}

	@Test
	void aConfiguredUriIsUsedAndNothingEmbeddedStarts() throws Exception {
		MongoServer external = new MongoServer(new MemoryBackend());
		String uri = external.bindAndGetConnectionString();
		try (ConfigurableApplicationContext app = start("--spring.mongodb.uri=" + uri + "/crmbot")) {
			assertThat(app.getBeansOfType(MongoServer.class)).isEmpty();
			say(app, "zhangsan", "/new 南京启明外国语学校 13091108957");
			try (MongoClient client = MongoClients.create(uri)) {
				assertThat(client.getDatabase("crmbot").getCollection("customers").countDocuments()).isEqualTo(1);
			}
		}
		finally {
			external.shutdownNow();
		}
	}

	private ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 5];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--server.port=0";
		all[args.length + 1] = "--crmbot.config.dir=../config";
		all[args.length + 2] = "--crmbot.templates.dir=../templates";
		all[args.length + 3] = "--spring.quartz.auto-startup=false";
		all[args.length + 4] = "--spring.main.banner-mode=off";
		return new SpringApplicationBuilder(CrmBotApplication.class).run(all);
	}

	private String say(ConfigurableApplicationContext app, String user, String text) throws Exception {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		String body = "{\"text\":\"" + text + "\"}";
		HttpResponse<String> r = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/local/messages"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + app.getBean(ApiTokens.class).issue(user, "test").secret())
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(200);
		return r.body();
	}

}
