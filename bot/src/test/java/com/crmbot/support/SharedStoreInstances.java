package com.crmbot.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.crmbot.CrmBotApplication;
import com.crmbot.task.TestClockConfig;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several application instances on one store (an in-memory mongo-java-server on a random
 * port) with the shared test clock: for the tests of work that must happen once across
 * instances. Close it after the test (stops the instances, then the store).
 */
public final class SharedStoreInstances implements AutoCloseable {

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final String uri;

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	public SharedStoreInstances() {
		this.uri = "mongodb://127.0.0.1:" + server.bind().getPort() + "/crmbot";
	}

	/**
	 * Start an instance on a random port with the admin config in {@code config}, the
	 * repository's templates, its own Quartz scheduler name and quiet logs.
	 * @param name names the instance's Quartz scheduler ({@code crmbot-<name>})
	 * @param args further command-line properties of the test
	 */
	public ConfigurableApplicationContext start(String name, Path config, String... args) {
		String[] common = { "--server.port=0", "--spring.mongodb.uri=" + uri, "--crmbot.config.dir=" + config,
				"--crmbot.templates.dir=../templates", "--spring.quartz.scheduler-name=crmbot-" + name,
				"--spring.main.banner-mode=off", "--logging.level.root=warn", "--logging.level.com.crmbot=warn" };
		ConfigurableApplicationContext app = new SpringApplicationBuilder(CrmBotApplication.class,
				TestClockConfig.class)
			.run(Stream.concat(Stream.of(common), Stream.of(args)).toArray(String[]::new));
		apps.add(app);
		return app;
	}

	@Override
	public void close() {
		apps.forEach(ConfigurableApplicationContext::close);
		server.shutdownNow();
	}

}
