package com.crmbot;

import java.time.Clock;

import de.flapdoodle.embed.mongo.spring.autoconfigure.EmbeddedMongoAutoConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * crm-bot: a chat-native CRM assistant. Flapdoodle's auto-configuration is excluded here
 * and imported only when {@code crmbot.store.mode=flapdoodle} (see
 * {@link com.crmbot.store.StoreConfiguration}).
 */
@SpringBootApplication(exclude = EmbeddedMongoAutoConfiguration.class)
@ConfigurationPropertiesScan
public class CrmBotApplication {

	public static void main(String[] args) {
		SpringApplication.run(CrmBotApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

}
