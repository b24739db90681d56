package com.crmbot.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.crmbot.CrmBotApplication;
import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code /config reload} switches to a valid file and keeps the running one otherwise; a
 * bad file stops startup.
 */
class ConfigReloadTest extends BotTestSupport {

	static final Path DIR = copy();

	@Autowired
	ConfigService config;

	@DynamicPropertySource
	static void configDir(DynamicPropertyRegistry registry) {
		registry.add("crmbot.config.dir", DIR::toString);
	}

	static Path copy() {
		try {
			Path dir = Files.createTempDirectory("crmbot-config");
			for (String f : List.of("org.yaml", "customers.yaml", "inquiry.yaml", "bot.yaml")) {
				Files.copy(Path.of("../config", f), dir.resolve(f));
			}
			return dir;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void reloadValidatesThenSwitchesOrKeepsTheRunningConfiguration() throws IOException {
		Path org = DIR.resolve("org.yaml");
		String original = Files.readString(org);
		try {
			Files.writeString(org, original.replace("role: newcomer", "role: newbie"));
			String answer = sayText("admin", "/config reload");
			assertThat(answer).contains("has errors")
				.contains("org.yaml:")
				.contains("users[2].role")
				.contains("unknown role 'newbie'");
			assertThat(config.get().user("xiaowang").orElseThrow().role()).isEqualTo("newcomer");
			assertThat(sayText("xiaowang", "/whoami")).contains("新人");

			Files.writeString(org, original.replace("name: 小王", "name: 王小明"));
			assertThat(sayText("admin", "/config reload")).contains("Configuration reloaded");
			assertThat(sayText("xiaowang", "/whoami")).contains("王小明");

			Files.writeString(DIR.resolve("bot.yaml"), "aliases:\n  搜索: nosuchcommand\n");
			assertThat(sayText("admin", "/配置 reload"))
				.contains("bot.yaml:2: aliases.搜索: unknown command 'nosuchcommand'");
			Files.writeString(DIR.resolve("bot.yaml"), "aliases:\n  搜索: find\n");
			assertThat(sayText("admin", "/config reload")).contains("Configuration reloaded");
			say("zhangsan", "/new 成都天府物流有限公司 13988887777");
			assertThat(sayText("zhangsan", "/搜索 天府")).contains("成都天府物流有限公司");
		}
		finally {
			Files.writeString(org, original);
			Files.copy(Path.of("../config/bot.yaml"), DIR.resolve("bot.yaml"),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			config.reload();
		}
	}

	@Test
	void anInvalidFileStopsTheAppNamingFileLineAndField() throws IOException {
		Path broken = copy();
		Path org = broken.resolve("org.yaml");
		Files.writeString(org, Files.readString(org)
			.replace("department: south\n    wecomUserId: SunLi", "department: west\n    wecomUserId: SunLi"));
		assertThatThrownBy(() -> new SpringApplicationBuilder(CrmBotApplication.class)
			.run("--crmbot.config.dir=" + broken, "--crmbot.store.in-memory=true", "--server.port=0",
					"--spring.quartz.auto-startup=false", "--crmbot.templates.dir=../templates")
			.close()).hasRootCauseInstanceOf(ConfigException.class)
			.rootCause()
			.hasMessageContaining("org.yaml:")
			.hasMessageContaining("users[5].department: unknown department 'west'");
	}

}
