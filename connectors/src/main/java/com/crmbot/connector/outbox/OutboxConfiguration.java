package com.crmbot.connector.outbox;

import java.time.Clock;
import java.util.List;

import com.crmbot.connector.Connector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfiguration {

	@Bean
	Outbox outbox(MongoTemplate mongo, ObjectProvider<Clock> clock, OutboxProperties props,
			List<Connector> connectors) {
		return new Outbox(mongo, clock.getIfAvailable(Clock::systemDefaultZone), props, connectors);
	}

}
