package com.crmbot.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the data lives.
 *
 * @param mode {@code embedded} (default: mongo-java-server with an H2 MVStore file under
 * {@code dataDir}) or {@code flapdoodle} (a real mongod started by flapdoodle). Ignored
 * when {@code spring.mongodb.uri} is set: that server is then used.
 * @param dataDir directory of the embedded store's file
 * @param inMemory embedded only: keep data in memory (tests)
 * @param port embedded only: loopback port (0 = any free port)
 * @param sync embedded only: force the file to disk at each (group) commit before writes
 * are acknowledged (true); false keeps the data safe from a killed process but not from a
 * power cut
 * @param backup where and how often the embedded store is backed up
 */
@Validated
@ConfigurationProperties("crmbot.store")
public record StoreProperties(@DefaultValue("embedded") Mode mode, @DefaultValue("./data") Path dataDir,
		@DefaultValue("false") boolean inMemory, @DefaultValue("0") int port, @DefaultValue("true") boolean sync,
		@DefaultValue Backup backup) {

	/**
	 * Online backups of the embedded store.
	 *
	 * @param dir folder the copies go to
	 * @param keep how many copies to keep (oldest deleted first)
	 * @param cron when the daily backup runs (Spring cron, server time zone); "-" for
	 * never
	 */
	public record Backup(@DefaultValue("./backups") Path dir, @DefaultValue("7") @Min(1) int keep,
			@DefaultValue("0 30 3 * * *") String cron) {

	}

	public enum Mode {

		EMBEDDED, FLAPDOODLE

	}

}
