package com.crmbot.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives.
 *
 * @param mode {@code embedded} (default: mongo-java-server with an H2 MVStore file under
 * {@code dataDir}) or {@code flapdoodle} (a real mongod started by flapdoodle). Ignored
 * when {@code spring.mongodb.uri} is set: that server is then used.
 * @param dataDir directory of the embedded store's file
 * @param inMemory embedded only: keep data in memory (tests)
 * @param port embedded only: loopback port (0 = any free port)
 */
@ConfigurationProperties("crmbot.store")
public record StoreProperties(@DefaultValue("embedded") Mode mode, @DefaultValue("./data") Path dataDir,
		@DefaultValue("false") boolean inMemory, @DefaultValue("0") int port) {

	public enum Mode {

		EMBEDDED, FLAPDOODLE

	}

}
