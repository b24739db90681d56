package com.crmbot.store;

import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Actuator health of the store ("mongo"). Replaces Boot's indicator, which uses the
 * {@code hello} command that the embedded server does not implement; {@code ping} works
 * on both the embedded server and real MongoDB.
 */
@Component("mongoHealthContributor")
class StoreHealthIndicator extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	private final String kind;

	private final StoreIntegrityCheck integrity;

	StoreHealthIndicator(MongoTemplate mongo, Environment env, StoreIntegrityCheck integrity) {
		this.mongo = mongo;
		this.integrity = integrity;
		String uri = env.getProperty("spring.mongodb.uri");
		this.kind = (uri != null && !uri.isBlank()) ? "external (spring.mongodb.uri)"
				: env.getProperty("crmbot.store.mode", "embedded");
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Document ping = mongo.executeCommand(new Document("ping", 1));
		builder.up()
			.withDetail("store", kind)
			.withDetail("database", mongo.getDb().getName())
			.withDetail("ping", ping.get("ok"))
			.withDetail("integrity", !integrity.checked() ? "not checked yet"
					: integrity.problems().isEmpty() ? "ok" : integrity.problems());
	}

}
