package com.crmbot;

import java.time.Clock;

import com.crmbot.store.StoreConfiguration;
import de.flapdoodle.embed.mongo.spring.autoconfigure.EmbeddedMongoAutoConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

/**
 * crm-bot: a chat-native CRM assistant. Flapdoodle's auto-configuration is excluded here
 * and imported only when {@code crmbot.store.mode=flapdoodle} (see
 * {@link com.crmbot.store.StoreConfiguration}). Settings records are registered by the
 * configuration that uses them (no properties scan), so a disabled connector never
 * demands its secrets.
 * <p>
 * Each direct sub-package is a module (Spring Modulith; the map and its rules are in
 * docs/modules.md, enforced by {@code ModularityTest}); {@code chat}, the plug-in points
 * every feature implements, is shared.
 */
@Modulithic(sharedModules = "chat")
@SpringBootApplication(exclude = EmbeddedMongoAutoConfiguration.class)
public class CrmBotApplication {

	public static void main(String[] args) {
		StoreConfiguration.exitOnLockedStore = true;
		SpringApplication.run(CrmBotApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

}
