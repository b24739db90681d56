package com.crmbot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Online backups of the embedded store: a consistent copy of the store file (committed
 * and copied while no write runs) into {@code crmbot.store.backup.dir}, keeping the
 * newest {@code keep} copies; on demand ({@code /backup}) and daily
 * ({@code crmbot.store.backup.cron}). Restore: stop the app, put a copy as {@code crm.mv}
 * into an empty data directory, start (docs/store.md). With an external MongoDB there is
 * nothing to copy here: use mongodump.
 */
@Component
public class BackupService implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BackupService.class);

	private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final DurableH2Backend backend;

	private final StoreProperties props;

	private final Clock clock;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread t = new Thread(r, "store-backup");
		t.setDaemon(true);
		return t;
	});

	BackupService(ObjectProvider<DurableH2Backend> backend, StoreProperties props, Clock clock) {
		this.backend = backend.getIfAvailable();
		this.props = props;
		this.clock = clock;
	}

	/** Whether this app has an embedded store file to back up. */
	public boolean available() {
		return backend != null && !props.inMemory();
	}

	/** Takes a backup now; returns the file written. */
	public synchronized Path backupNow() {
		if (!available()) {
			throw new IllegalStateException("no embedded store file to back up");
		}
		Path dir = props.backup().dir().toAbsolutePath().normalize();
		try {
			Files.createDirectories(dir);
			Path target = dir.resolve("crm-" + NAME.format(LocalDateTime.now(clock)) + ".mv");
			backend.backupTo(target);
			prune(dir);
			log.info("store: backup written to {}", target);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("backup into " + dir + " failed", ex);
		}
	}

	/** The backups in the folder, newest first. */
	public List<Path> backups() {
		Path dir = props.backup().dir().toAbsolutePath().normalize();
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter((p) -> p.getFileName().toString().matches("crm-\\d{8}-\\d{6}\\.mv"))
				.sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void prune(Path dir) throws IOException {
		List<Path> all = backups();
		for (int i = props.backup().keep(); i < all.size(); i++) {
			Files.deleteIfExists(all.get(i));
		}
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (available() && !"-".equals(props.backup().cron())) {
			scheduleNext(CronExpression.parse(props.backup().cron()));
		}
	}

	private void scheduleNext(CronExpression cron) {
		LocalDateTime now = LocalDateTime.now(clock);
		LocalDateTime next = cron.next(now);
		if (next == null) {
			return;
		}
		long delay = java.time.Duration.between(now.atZone(ZoneId.systemDefault()), next.atZone(ZoneId.systemDefault()))
			.toMillis();
		timer.schedule(() -> {
			try {
				backupNow();
			}
			catch (RuntimeException ex) {
				log.error("store: scheduled backup failed: {}", ex.toString());
			}
			scheduleNext(cron);
		}, Math.max(0, delay), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}

}
