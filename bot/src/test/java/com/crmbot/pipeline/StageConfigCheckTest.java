package com.crmbot.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.crmbot.config.ConfigError;
import com.crmbot.config.ConfigException;
import com.crmbot.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Incomplete stage triggers are refused at startup and reload. */
class StageConfigCheckTest {

	@TempDir
	Path dir;

	@Test
	void aMissingTemplateAndAnUntitledTaskAreReported() throws IOException {
		for (String f : List.of("org.yaml", "customers.yaml", "inquiry.yaml", "bot.yaml")) {
			Files.copy(Path.of("../config", f), dir.resolve(f));
		}
		Path customers = dir.resolve("customers.yaml");
		Files.writeString(customers,
				Files.readString(customers, StandardCharsets.UTF_8)
					.replace("templates: [contract]", "templates: [contract, nda]")
					.replace("{ type: task, title: 发送调研问卷, dueDays: 1 }", "{ type: task, dueDays: 1 }"),
				StandardCharsets.UTF_8);
		StageConfigCheck check = new StageConfigCheck((name) -> name.equals("contract"));
		ConfigException ex = catchThrowableOfType(ConfigException.class,
				() -> new ConfigLoader((k) -> null).load(dir, List.of(check)));
		assertThat(ex.errors()).extracting(ConfigError::toString)
			.anySatisfy((s) -> assertThat(s)
				.matches("customers\\.yaml:\\d+: stages\\[2]\\.onEnter\\[0]\\.title: a task trigger needs a title"))
			.anySatisfy((s) -> assertThat(s)
				.contains("stages[4].onEnter[0].templates[1]: no template templates/tpl/nda.txt"));
		assertThat(new ConfigLoader((k) -> null).load(Path.of("../config"), List.of(check)).customers().stages())
			.hasSize(7);
	}

}
