package com.crmbot.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

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
 * @param compactBelowFillRate embedded only: at start, when live data fills less than
 * this percentage of the store file (after bulk deletes), the file is rewritten compactly
 * (into a new file, swapped in atomically; 0 = never)
 * @param ledger clean-up of the inbound ledger (platform message ids seen)
 */
@Validated
@ConfigurationProperties("crmbot.store")
public record StoreProperties(@DefaultValue("embedded") Mode mode, @DefaultValue("./data") Path dataDir,
		@DefaultValue("false") boolean inMemory, @DefaultValue("0") int port, @DefaultValue("true") boolean sync,
		@DefaultValue Backup backup, @DefaultValue("50") @Min(0) @Max(100) int compactBelowFillRate,
		@DefaultValue Ledger ledger) {

	/**
	 * The inbound ledger keeps a platform message id after its message is done, so that a
	 * platform's retry is recognised; entries older than the retention are removed.
	 *
	 * @param retention how long a done entry is kept (at least an hour: WeCom retries
	 * within seconds, DingTalk within minutes; the follow-ups' unique message-id index
	 * still refuses a very late repeat)
	 * @param cleanupInterval how often old entries are removed
	 */
	public record Ledger(@DefaultValue("7d") @DurationMin(hours = 1) Duration retention,
			@DefaultValue("1h") @DurationMin(seconds = 1) Duration cleanupInterval) {

	}

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
