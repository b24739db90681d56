package com.crmbot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.flapdoodle.embed.mongo.spring.autoconfigure.EmbeddedMongoAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Chooses the store: {@code spring.mongodb.uri} if set; otherwise the embedded
 * mongo-java-server (default) or flapdoodle's real mongod.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
public class StoreConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

	/**
	 * Set by the application's main method: a locked data directory then ends the process
	 * with one line instead of a failed context.
	 */
	public static volatile boolean exitOnLockedStore;

	@Configuration(proxyBeanMethods = false)
	@Conditional(EmbeddedStoreCondition.class)
	static class Embedded {

		// closed by the server's shutdown
		@Bean(destroyMethod = "")
		DurableH2Backend embeddedStoreBackend(StoreProperties props) {
			if (props.inMemory()) {
				return DurableH2Backend.inMemoryStore();
			}
			Path dir = props.dataDir().toAbsolutePath().normalize();
			try {
				Files.createDirectories(dir);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create data directory " + dir, ex);
			}
			try {
				return DurableH2Backend.open(dir.resolve("crm.mv"), props.sync(), props.compactBelowFillRate());
			}
			catch (StoreLockedException ex) {
				if (exitOnLockedStore) {
					// one clear line instead of a context failure with a long stack trace
					System.err.println("crm-bot: " + ex.getMessage());
					System.err.flush();
					Runtime.getRuntime().halt(2);
				}
				throw ex;
			}
		}

		@Bean(destroyMethod = "shutdown")
		MongoServer embeddedMongoServer(StoreProperties props, DurableH2Backend backend) {
			MongoServer server = new MongoServer(backend);
			// writers wait for their group commit on the server's event loop: enough
			// loops
			// that waiting connections do not hold up others
			server.bind(new java.net.InetSocketAddress("127.0.0.1", props.port()), 1, 32);
			log.info("store: embedded MongoDB-compatible server on {} ({})", server.getLocalAddress(),
					props.inMemory() ? "in memory" : props.dataDir().toAbsolutePath().normalize());
			return server;
		}

		@Bean
		MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer server) {
			ConnectionString cs = new ConnectionString(
					"mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/" + "crmbot");
			return () -> cs;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "crmbot.store.mode", havingValue = "flapdoodle")
	@Import(EmbeddedMongoAutoConfiguration.class)
	static class Flapdoodle {

	}

	static class EmbeddedStoreCondition implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			var env = context.getEnvironment();
			String uri = env.getProperty("spring.mongodb.uri");
			String mode = env.getProperty("crmbot.store.mode", "embedded");
			return (uri == null || uri.isBlank()) && "embedded".equalsIgnoreCase(mode);
		}

	}

}
