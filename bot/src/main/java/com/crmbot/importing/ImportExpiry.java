package com.crmbot.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.crmbot.schedule.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Uploads analysed but never confirmed expire after {@code crmbot.import.unconfirmed-ttl}
 * (default 24 h): the stored file, its rejected rows and the record go, so abandoned
 * uploads do not pile up on disk.
 */
@Component
@Order(40)
class ImportExpiry implements ScheduledWork {

	private static final Logger log = LoggerFactory.getLogger(ImportExpiry.class);

	private final ImportStore store;

	private final Clock clock;

	private final Duration ttl;

	ImportExpiry(ImportStore store, Clock clock, ImportProperties properties) {
		this.store = store;
		this.clock = clock;
		this.ttl = properties.unconfirmedTtl();
	}

	@Override
	public void runDue() {
		for (LeadImport imp : store.unconfirmedSince(clock.instant().minus(ttl), 100)) {
			// removed only while still unconfirmed: a confirm claiming it meanwhile wins
			if (!store.removeIfUnconfirmed(imp.id())) {
				continue;
			}
			store.removeRejects(imp.id());
			try {
				if (imp.path() != null) {
					Files.deleteIfExists(Path.of(imp.path()));
				}
			}
			catch (IOException ex) {
				log.warn("import {}: cannot delete its file: {}", imp.id(), ex.toString());
			}
			log.info("import {}: unconfirmed for {}, expired", imp.id(), ttl);
		}
	}

}
