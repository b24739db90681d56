package com.crmbot.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.crmbot.schedule.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Duration ttl;

	ImportExpiry(MongoTemplate mongo, Clock clock, @Value("${crmbot.import.unconfirmed-ttl:PT24H}") Duration ttl) {
		this.mongo = mongo;
		this.clock = clock;
		this.ttl = ttl;
	}

	@Override
	public void runDue() {
		Criteria stale = Criteria.where("state")
			.is(LeadImport.State.ANALYZED)
			.and("createdAt")
			.lt(clock.instant().minus(ttl));
		for (LeadImport imp : mongo.find(Query.query(stale).limit(100), LeadImport.class)) {
			// removed only while still unconfirmed: a confirm claiming it meanwhile wins
			if (mongo
				.remove(Query.query(Criteria.where("_id").is(imp.id()).and("state").is(LeadImport.State.ANALYZED)),
						LeadImport.class)
				.getDeletedCount() == 0) {
				continue;
			}
			mongo.remove(Query.query(Criteria.where("importId").is(imp.id())), ImportReject.class);
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
