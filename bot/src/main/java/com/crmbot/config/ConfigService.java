package com.crmbot.config;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.crmbot.connector.ChatUser;
import com.crmbot.connector.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Holds the running admin configuration. Loaded and validated at startup (an invalid file
 * stops the app); {@link #reload()} swaps in a changed one only if it is valid.
 */
@Service
public class ConfigService implements UserDirectory, org.springframework.beans.factory.SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ConfigService.class);

	private final Path dir;

	private final ConfigLoader loader;

	private final ApplicationEventPublisher events;

	private final AtomicReference<AdminConfig> current = new AtomicReference<>();

	private final ObjectProvider<ConfigCheck> checks;

	private volatile ConfigLoader.Loaded startup;

	ConfigService(@Value("${crmbot.config.dir:./config}") String dir, ObjectProvider<ConfigCheck> checks,
			ApplicationEventPublisher events) {
		this.dir = Path.of(dir);
		this.events = events;
		this.checks = checks;
		this.loader = new ConfigLoader(new EnvironmentLookup());
		// every file is read and checked now without stopping at a broken one (defaults
		// stand in for it); the feature checks run once every bean exists
		// (afterSingletonsInstantiated), and only then does an invalid configuration stop
		// the start, with the problems of every file in one list
		ConfigLoader.Loaded loaded = loader.read(this.dir);
		startup = loaded;
		current.set(loaded.config());
		if (loaded.valid()) {
			log.info("config: loaded {} users, {} roles, {} departments from {}", loaded.config().org().users().size(),
					loaded.config().org().roles().size(), loaded.config().org().departments().size(),
					this.dir.toAbsolutePath().normalize());
		}
		else {
			log.error("config: {} problem(s) in {}; the start stops once the feature checks ran too",
					loaded.errors().list().size(), this.dir.toAbsolutePath().normalize());
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigLoader.Loaded loaded = startup;
		startup = null;
		loader.check(loaded, checks.orderedStream().toList());
	}

	public AdminConfig get() {
		return current.get();
	}

	/**
	 * Validate the files as they are now and switch to them; on errors keep the running
	 * configuration and return the errors.
	 */
	public List<ConfigError> reload() {
		try {
			AdminConfig config = loader.load(dir, checks.orderedStream().toList());
			current.set(config);
			log.info("config: reloaded from {}", dir.toAbsolutePath().normalize());
			events.publishEvent(new ConfigReloaded(config));
			return List.of();
		}
		catch (ConfigException ex) {
			log.warn("config: reload refused, keeping the running configuration: {}", ex.errors());
			return ex.errors();
		}
	}

	@Override
	public List<ChatUser> users() {
		return get().org()
			.users()
			.stream()
			.map((u) -> new ChatUser(u.id(), u.name(), u.department(), u.wecomUserId(), u.dingtalkStaffId()))
			.toList();
	}

	/** Published after a successful reload. */
	public record ConfigReloaded(AdminConfig config) {
	}

	/** Environment variables, then system properties. */
	static final class EnvironmentLookup implements org.apache.commons.text.lookup.StringLookup {

		@Override
		public String lookup(String key) {
			String v = System.getenv(key);
			return (v != null) ? v : System.getProperty(key);
		}

	}

}
