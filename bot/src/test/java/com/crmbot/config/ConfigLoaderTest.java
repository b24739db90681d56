package com.crmbot.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The shipped config/ loads; broken files are reported with file, line and field. */
class ConfigLoaderTest {

	@TempDir
	Path dir;

	private final Map<String, String> env = new java.util.HashMap<>();

	private final ConfigLoader loader = new ConfigLoader(env::get);

	@BeforeEach
	void copyShippedConfig() throws IOException {
		for (String f : List.of("org.yaml", "customers.yaml", "inquiry.yaml", "bot.yaml")) {
			Files.copy(Path.of("../config", f), dir.resolve(f));
		}
	}

	@Test
	void theShippedConfigurationIsValid() {
		AdminConfig c = loader.load(Path.of("../config"), List.of());
		assertThat(c.org().users()).extracting(OrgConfig.User::id).contains("zhangsan", "zhao", "xiaowang", "admin");
		assertThat(c.role("newcomer").recentDays()).isEqualTo(30);
		assertThat(c.role("supervisor").visibility()).isEqualTo(OrgConfig.Visibility.DEPARTMENT);
		assertThat(c.customers().stages()).extracting(CustomerConfig.Stage::id)
			.containsExactly("线索", "意向", "拜访", "方案", "谈判", "成交", "输单");
		assertThat(c.objectionsById()).containsKeys("budget", "price", "timing", "authority", "competitor", "trust");
		assertThat(c.bot().maxMessageBytes()).isEqualTo(8192);
	}

	@Test
	void anUnknownRoleNamesFileLineAndField() throws IOException {
		replace("org.yaml", "role: newcomer", "role: newbie");
		ConfigError e = single();
		assertThat(e.file()).isEqualTo("org.yaml");
		assertThat(e.field()).isEqualTo("users[2].role");
		assertThat(e.line()).isEqualTo(lineOf("org.yaml", "role: newbie"));
		assertThat(e.message()).contains("unknown role 'newbie'");
		assertThat(e.toString()).startsWith("org.yaml:" + e.line() + ": users[2].role: unknown role");
	}

	@Test
	void aWronglyTypedValueNamesFileLineAndField() throws IOException {
		replace("org.yaml", "recentDays: 30", "recentDays: thirty");
		ConfigError e = single();
		assertThat(e.file()).isEqualTo("org.yaml");
		assertThat(e.field()).isEqualTo("roles[1].recentDays");
		assertThat(e.line()).isEqualTo(lineOf("org.yaml", "recentDays: thirty"));
	}

	@Test
	void anUnknownKeyIsAnError() throws IOException {
		replace("customers.yaml", "poolThreshold: 30", "poolTreshold: 30");
		ConfigError e = single();
		assertThat(e.file()).isEqualTo("customers.yaml");
		assertThat(e.field()).isEqualTo("poolTreshold");
		assertThat(e.line()).isEqualTo(lineOf("customers.yaml", "poolTreshold: 30"));
	}

	@Test
	void brokenYamlSyntaxNamesTheLine() throws IOException {
		replace("bot.yaml", "maxMessageBytes: 8192", "maxMessageBytes: [8192");
		ConfigError e = single();
		assertThat(e.file()).isEqualTo("bot.yaml");
		assertThat(e.message()).contains("not valid YAML");
		assertThat(e.line()).isGreaterThanOrEqualTo(lineOf("bot.yaml", "maxMessageBytes: [8192"));
	}

	@Test
	void aMissingRequiredFieldPointsAtItsEntry() throws IOException {
		replace("org.yaml", "    name: 李四\n", "");
		ConfigError e = single();
		assertThat(e.field()).isEqualTo("users[1].name");
		assertThat(e.line()).isEqualTo(lineOf("org.yaml", "- id: lisi"));
	}

	@Test
	void secretsComeFromEnvironmentPlaceholders() throws IOException {
		Files.writeString(dir.resolve("bot.yaml"), "defaultNotifyUser: ${NOTIFY_USER}\n");
		ConfigError e = single();
		assertThat(e.line()).isEqualTo(1);
		assertThat(e.message()).contains("${NOTIFY_USER}").contains("environment variable NOTIFY_USER");
		env.put("NOTIFY_USER", "zhao");
		assertThat(loader.load(dir, List.of()).bot().defaultNotifyUser()).isEqualTo("zhao");
		Files.writeString(dir.resolve("bot.yaml"), "defaultNotifyUser: ${NOBODY:-qian}\n");
		assertThat(loader.load(dir, List.of()).bot().defaultNotifyUser()).isEqualTo("qian");
	}

	@Test
	void aMissingFileIsNamed() throws IOException {
		Files.delete(dir.resolve("customers.yaml"));
		assertThat(single().toString()).startsWith("customers.yaml: file is missing");
	}

	@Test
	void everyErrorIsListedAtOnce() throws IOException {
		replace("org.yaml", "role: newcomer", "role: newbie");
		replace("org.yaml", "department: south\n    wecomUserId: SunLi", "department: west\n    wecomUserId: SunLi");
		ConfigException ex = catchThrowableOfType(ConfigException.class, () -> loader.load(dir, List.of()));
		assertThat(ex.errors()).extracting(ConfigError::field).containsExactly("users[2].role", "users[5].department");
		assertThat(ex.getMessage()).contains("org.yaml:").contains("unknown department 'west'");
	}

	@Test
	void aBrokenFileDoesNotHideTheProblemsOfTheOtherFiles() throws IOException {
		// bot.yaml cannot be read at all, org.yaml reads but refers to an unknown
		// department, and a feature check finds a problem in customers.yaml: one start
		// reports all three
		Files.writeString(dir.resolve("bot.yaml"), Files.readString(dir.resolve("bot.yaml")) + "\nnoSuchKey: 1\n");
		replace("org.yaml", "department: south\n    wecomUserId: SunLi", "department: west\n    wecomUserId: SunLi");
		Files.writeString(dir.resolve("workflow.yaml"), "zone: [unclosed\n");
		ConfigException ex = catchThrowableOfType(ConfigException.class, () -> loader.load(dir,
				List.of((c, errors) -> errors.add("customers.yaml", "importHeaders.x", "unknown target"))));
		assertThat(ex).isNotNull();
		assertThat(ex.errors()).extracting(ConfigError::file)
			.contains("bot.yaml", "org.yaml", "workflow.yaml", "customers.yaml");
		assertThat(ex.getMessage()).contains("noSuchKey", "unknown department 'west'", "importHeaders.x");
	}

	@Test
	void anUnreadableFileIsReportedOnceWithoutNoiseFromTheFilesThatReferToIt() throws IOException {
		// org.yaml is not YAML: the approvers of workflow.yaml, the assignee in
		// customers.yaml and the agents of calls.yaml cannot be judged, so they are not
		// reported as unknown users; every other file's own problems are
		Files.copy(Path.of("../config", "workflow.yaml"), dir.resolve("workflow.yaml"));
		Files.copy(Path.of("../config", "calls.yaml"), dir.resolve("calls.yaml"));
		replace("org.yaml", "users:", "users: [unclosed");
		replace("workflow.yaml", "batchSize: 500", "batchSize: 0");
		replace("calls.yaml", "callbackMinutes: 30", "callbackMinutes: soon");
		replace("inquiry.yaml", "response:", "response: ''\n    #");
		ConfigException ex = catchThrowableOfType(ConfigException.class, () -> loader.load(dir, List.of()));
		assertThat(ex).isNotNull();
		assertThat(ex.errors()).extracting(ConfigError::file)
			.containsExactly("org.yaml", "inquiry.yaml", "workflow.yaml", "calls.yaml");
		// the parser names the line where it noticed (the entry after the broken one)
		assertThat(ex.getMessage()).containsPattern("org\\.yaml:\\d+: not valid YAML")
			.contains("workflow.yaml:" + lineOf("workflow.yaml", "batchSize: 0") + ": reminders.batchSize:")
			.contains("calls.yaml:" + lineOf("calls.yaml", "callbackMinutes: soon") + ": callbackMinutes:")
			.contains("inquiry.yaml:")
			.contains("objections[0].response: a recommended response is required")
			.doesNotContain("unknown user");
	}

	@Test
	void aFileThatCannotBeBoundStandsInWithDefaultsForTheOthers() throws IOException {
		replace("customers.yaml", "importSyncRows:", "noSuchKey: 1\nimportSyncRows:");
		ConfigLoader.Loaded loaded = loader.read(dir);
		assertThat(loaded.errors().readable("customers.yaml")).isFalse();
		assertThat(loaded.errors().readable("org.yaml")).isTrue();
		assertThat(loaded.config().org().users()).isNotEmpty();
		assertThat(loaded.config().customers().stages()).isEmpty();
		// a check reporting against the stand-in is not heard
		ConfigException ex = catchThrowableOfType(ConfigException.class, () -> loader.check(loaded,
				List.of((c, errors) -> errors.add("customers.yaml", "stages", "at least one stage is required"))));
		assertThat(ex.errors()).hasSize(1);
		assertThat(ex.errors().get(0).toString()).contains("customers.yaml:").contains("noSuchKey");
	}

	@Test
	void fieldRulesComeOutAsFileLineField() throws IOException {
		replace("org.yaml", "email: lisi@example.com", "email: lisi-at-example");
		ConfigError e = single();
		assertThat(e.file()).isEqualTo("org.yaml");
		assertThat(e.field()).isEqualTo("users[1].email");
		assertThat(e.line()).isEqualTo(lineOf("org.yaml", "email: lisi-at-example"));
		assertThat(e.message()).isEqualTo("not an e-mail address: 'lisi-at-example'");
		assertThat(e.toString()).isEqualTo("org.yaml:" + e.line() + ": users[1].email: " + e.message());
	}

	@Test
	void fieldRulesReachIntoMapsOfLists() throws IOException {
		replace("customers.yaml", "label: 采购周期, type: enum", "label: 采购周期, type: picklist");
		ConfigError e = single();
		assertThat(e.file()).isEqualTo("customers.yaml");
		assertThat(e.field()).isEqualTo("industryFields.manufacturing[0].type");
		assertThat(e.line()).isEqualTo(lineOf("customers.yaml", "type: picklist"));
		assertThat(e.message()).startsWith("unknown type 'picklist'");
	}

	@Test
	void severalFieldRulesAreListedOnceEachInFileOrder() throws IOException {
		Files.copy(Path.of("../config", "workflow.yaml"), dir.resolve("workflow.yaml"));
		replace("workflow.yaml", "batchSize: 500", "batchSize: 0");
		replace("org.yaml", "    name: 李四\n", "");
		replace("bot.yaml", "maxMessageBytes:", "maxMessageBytes: 8\n#");
		ConfigException ex = catchThrowableOfType(ConfigException.class, () -> loader.load(dir, List.of()));
		assertThat(ex.errors()).extracting(ConfigError::toString)
			.containsExactly("org.yaml:" + lineOf("org.yaml", "- id: lisi") + ": users[1].name: is required",
					"bot.yaml:" + lineOf("bot.yaml", "maxMessageBytes: 8") + ": maxMessageBytes: must be at least 16",
					"workflow.yaml:" + lineOf("workflow.yaml", "batchSize: 0")
							+ ": reminders.batchSize: must be a positive number");
	}

	@Test
	void featureChecksRunToo() {
		assertThatThrownBy(
				() -> loader.load(dir, List.of((c, errors) -> errors.add("bot.yaml", "aliases.x", "bad alias"))))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("bot.yaml")
			.hasMessageContaining("aliases.x: bad alias");
	}

	private ConfigError single() {
		ConfigException ex = catchThrowableOfType(ConfigException.class, () -> loader.load(dir, List.of()));
		assertThat(ex).as("expected the configuration to be refused").isNotNull();
		assertThat(ex.errors()).hasSize(1);
		return ex.errors().get(0);
	}

	private void replace(String file, String from, String to) throws IOException {
		Path p = dir.resolve(file);
		String s = Files.readString(p, StandardCharsets.UTF_8);
		assertThat(s).contains(from);
		Files.writeString(p,
				s.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
	}

	private int lineOf(String file, String text) throws IOException {
		List<String> lines = Files.readAllLines(dir.resolve(file));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i + 1;
			}
		}
		throw new AssertionError(text + " not in " + file);
	}

}
