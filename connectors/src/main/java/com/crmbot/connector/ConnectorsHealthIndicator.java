package com.crmbot.connector;

import java.util.List;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Actuator health: every platform and whether its connector is enabled; a platform that
 * is switched off (no connector registered) is listed as disabled, not left out.
 */
@Component("connectors")
class ConnectorsHealthIndicator extends AbstractHealthIndicator {

	private final List<Connector> connectors;

	ConnectorsHealthIndicator(List<Connector> connectors) {
		this.connectors = connectors;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up();
		for (Platform p : Platform.values()) {
			boolean on = connectors.stream().anyMatch((c) -> c.platform() == p && c.enabled());
			builder.withDetail(p.id(), on ? "enabled" : "disabled");
		}
	}

}
