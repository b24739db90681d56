package com.crmbot.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.crmbot.CrmBotApplication;
import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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
			.close()).isInstanceOf(ConfigException.class)
			.hasMessageContaining("org.yaml:")
			.hasMessageContaining("users[5].department: unknown department 'west'");
	}

	@Test
	void oneStartReportsEveryProblemOfEveryFile() throws IOException {
		Path broken = copy();
		for (String f : List.of("workflow.yaml", "calls.yaml")) {
			Files.copy(Path.of("../config", f), broken.resolve(f));
		}
		Map<String, Integer> lines = breakEveryFile(broken);
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(CrmBotApplication.class)
			.run("--crmbot.config.dir=" + broken, "--crmbot.store.in-memory=true", "--server.port=0",
					"--spring.quartz.auto-startup=false", "--crmbot.templates.dir=../templates")
			.close());
		ConfigException refused = org.apache.commons.lang3.exception.ExceptionUtils.throwableOfType(failure,
				ConfigException.class);
		assertThat(refused).as("the start is refused for the configuration").isNotNull();
		String message = refused.getMessage();
		assertEveryProblem(message, lines);
	}

	@Test
	void oneReloadReportsEveryProblemOfEveryFileAndKeepsTheRunningConfiguration() throws IOException {
		Map<String, String> originals = new java.util.HashMap<>();
		for (String f : List.of("org.yaml", "customers.yaml", "inquiry.yaml", "bot.yaml")) {
			originals.put(f, Files.readString(DIR.resolve(f)));
		}
		try {
			for (String f : List.of("workflow.yaml", "calls.yaml")) {
				Files.copy(Path.of("../config", f), DIR.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			Map<String, Integer> lines = breakEveryFile(DIR);
			String answer = sayText("admin", "/config reload");
			assertThat(answer).contains("has errors");
			assertEveryProblem(answer, lines);
			assertThat(config.get().user("xiaowang")).isPresent();
			assertThat(sayText("xiaowang", "/whoami")).contains("新人");
		}
		finally {
			for (var e : originals.entrySet()) {
				Files.writeString(DIR.resolve(e.getKey()), e.getValue());
			}
			Files.deleteIfExists(DIR.resolve("workflow.yaml"));
			Files.deleteIfExists(DIR.resolve("calls.yaml"));
			assertThat(config.reload()).isEmpty();
		}
	}

	/**
	 * One problem in each admin file, found by each kind of check: org.yaml is not YAML
	 * at all, the others read but break a field rule, a built-in check or a feature
	 * check. Returns the line of each planted problem by its marker.
	 */
	private static Map<String, Integer> breakEveryFile(Path dir) throws IOException {
		Map<String, Integer> lines = new java.util.LinkedHashMap<>();
		edit(dir, "org.yaml", "users:", "users: [unclosed", lines);
		// feature checks: scoring rules (ScoringService), import targets
		// (ImportConfigCheck)
		edit(dir, "customers.yaml", "when: phoneKnown", "when: shoeSize", lines);
		edit(dir, "customers.yaml", "importSyncRows: 5000", "importSyncRows: 0", lines);
		// built-in check
		edit(dir, "inquiry.yaml", "response: 推荐分期方案 / 分阶段实施", "response: ''", lines);
		// feature check: command aliases (CommandRegistry)
		Files.writeString(dir.resolve("bot.yaml"), "aliases:\n  搜索: nosuchcommand\n");
		lines.put("aliases:", 1);
		lines.put("搜索: nosuchcommand", 2);
		// a field rule and a feature check (CareConfigCheck)
		edit(dir, "workflow.yaml", "batchSize: 500", "batchSize: 0", lines);
		edit(dir, "workflow.yaml", "nightlyCron: \"0 0 2 * * ?\"", "nightlyCron: \"every night\"", lines);
		// feature check (CallsConfigCheck)
		edit(dir, "calls.yaml", "callbackMinutes: 30", "callbackMinutes: -5", lines);
		return lines;
	}

	private static void assertEveryProblem(String message, Map<String, Integer> lines) {
		// the parser names the line where it noticed (the entry after the broken one)
		assertThat(message).containsPattern("org\\.yaml:" + (lines.get("users: [unclosed") + 1) + ": not valid YAML")
			.contains("customers.yaml:" + lines.get("when: shoeSize")
					+ ": scoring[2].when: unknown fact or field 'shoeSize'")
			.contains("customers.yaml:" + lines.get("importSyncRows: 0") + ": importSyncRows: must be at least 1")
			.contains("inquiry.yaml:" + lines.get("response: ''")
					+ ": objections[0].response: a recommended response is required")
			.contains("bot.yaml:2: aliases.搜索: unknown command 'nosuchcommand'")
			.contains("workflow.yaml:" + lines.get("batchSize: 0") + ": reminders.batchSize: must be a positive number")
			.contains("workflow.yaml:" + lines.get("nightlyCron: \"every night\"")
					+ ": care.nightlyCron: 'every night' is not a Quartz cron expression")
			.contains(
					"calls.yaml:" + lines.get("callbackMinutes: -5") + ": callbackMinutes: must be between 0 and 10080")
			// org.yaml could not be read: the users named in the other files cannot be
			// judged, and are not reported as unknown
			.doesNotContain("unknown user")
			.doesNotContain("unknown deputy");
	}

	private static void edit(Path dir, String file, String from, String to, Map<String, Integer> lines)
			throws IOException {
		Path p = dir.resolve(file);
		String s = Files.readString(p);
		assertThat(s).contains(from);
		s = s.replace(from, to);
		Files.writeString(p, s);
		List<String> all = List.of(s.split("\n", -1));
		for (int i = 0; i < all.size(); i++) {
			if (all.get(i).contains(to)) {
				lines.put(to, i + 1);
				return;
			}
		}
	}

}
