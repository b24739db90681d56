package com.crmbot.connector;

import java.util.List;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Actuator health: each registered connector and whether it is enabled. */
@Component("connectors")
class ConnectorsHealthIndicator extends AbstractHealthIndicator {

	private final List<Connector> connectors;

	ConnectorsHealthIndicator(List<Connector> connectors) {
		this.connectors = connectors;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up();
		for (Connector c : connectors) {
			builder.withDetail(c.platform().id(), c.enabled() ? "enabled" : "disabled");
		}
	}

}
