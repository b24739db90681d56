package com.crmbot.store;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.crmbot.CrmBotApplication;
import com.crmbot.security.ApiTokens;
import de.bwaldvogel.mongo.MongoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code crmbot.store.mode=flapdoodle} exercised offline: flapdoodle's whole
 * download-extract-start path runs against a local archive (its documented
 * {@code baseUrl=file://} route) whose {@code bin/mongod} starts a wire-compatible
 * server. No MongoDB binary can be downloaded on these machines; with a real archive the
 * same property starts a real mongod.
 */
class FlapdoodleStoreTest {

	static final String VERSION = "7.0.14";

	@TempDir
	Path tmp;

	@AfterEach
	void clearProperties() {
		System.clearProperty("de.flapdoodle.embed.mongo.baseUrl");
		System.clearProperty("de.flapdoodle.embed.mongo.artifacts");
	}

	@Test
	void flapdoodleModeStartsAMongodFromAnArchiveAndNothingElse() throws Exception {
		Path dist = tmp.resolve("dist");
		String name = "mongodb-linux-x86_64-debian12-" + VERSION;
		Path bin = tmp.resolve("build").resolve(name).resolve("bin");
		Files.createDirectories(bin);
		Path mongod = bin.resolve("mongod");
		Files.writeString(mongod, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
				+ "' -cp '" + System.getProperty("java.class.path") + "' " + FakeMongod.class.getName() + " \"$@\"\n");
		Files.setPosixFilePermissions(mongod, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.createDirectories(dist.resolve("linux"));
		Process tar = new ProcessBuilder("tar", "-czf", dist.resolve("linux").resolve(name + ".tgz").toString(), "-C",
				tmp.resolve("build").toString(), name)
			.inheritIO()
			.start();
		assertThat(tar.waitFor()).isZero();

		System.setProperty("de.flapdoodle.embed.mongo.baseUrl", dist.toUri().toString());
		Files.createDirectories(tmp.resolve("cache"));
		System.setProperty("de.flapdoodle.embed.mongo.artifacts", tmp.resolve("cache").toString());
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CrmBotApplication.class).run(
				"--crmbot.store.mode=flapdoodle", "--de.flapdoodle.mongodb.embedded.version=" + VERSION,
				"--server.port=0", "--crmbot.config.dir=../config", "--crmbot.templates.dir=../templates",
				"--spring.quartz.auto-startup=false", "--spring.main.banner-mode=off")) {
			assertThat(app.getBeansOfType(MongoServer.class)).as("no embedded mongo-java-server").isEmpty();
			try (var files = Files.list(tmp.resolve("cache"))) {
				assertThat(files.count()).as("flapdoodle took the archive into its cache").isPositive();
			}
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpResponse<String> r = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/local/messages"))
					.header("Content-Type", "application/json")
					.header("Authorization",
							"Bearer " + app.getBean(ApiTokens.class).issue("zhangsan", "test").secret())
					.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"/new 南京启明外国语学校 13091108957\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(r.body()).contains("已新建客户");
			assertThat(app.getBean(MongoTemplate.class).getCollection("customers").countDocuments()).isEqualTo(1);
		}
	}

}
