package com.crmbot.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * workflow.yaml: optional, defaults, validated with file, line and field; secrets masked.
 */
class WorkflowConfigTest {

	@TempDir
	Path dir;

	private final Map<String, String> env = new HashMap<>();

	private final ConfigLoader loader = new ConfigLoader(env::get);

	@BeforeEach
	void copyShippedConfig() throws IOException {
		for (String f : List.of("org.yaml", "customers.yaml", "inquiry.yaml", "bot.yaml", "workflow.yaml")) {
			Files.copy(Path.of("../config", f), dir.resolve(f));
		}
	}

	private void replace(String from, String to) throws IOException {
		Path f = dir.resolve("workflow.yaml");
		String s = Files.readString(f);
		assertThat(s).contains(from);
		Files.writeString(f, s.replace(from, to));
	}

	private int lineOf(String text) throws IOException {
		List<String> lines = Files.readAllLines(dir.resolve("workflow.yaml"));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i + 1;
			}
		}
		throw new AssertionError(text);
	}

	private List<ConfigError> errors() {
		return catchThrowableOfType(ConfigException.class, () -> loader.load(dir, List.of())).errors();
	}

	@Test
	void theShippedWorkflowIsValidAndReadsAsDocumented() {
		WorkflowConfig w = loader.load(dir, List.of()).workflow();
		assertThat(w.zone().getId()).isEqualTo("Asia/Shanghai");
		assertThat(w.reminders().dispatchIntervalSeconds()).isEqualTo(10);
		assertThat(w.reminders().escalateAfterMinutes()).isEqualTo(30);
		assertThat(w.sms().enabled()).isFalse(); // SMS_GATEWAY_URL not set
		assertThat(w.approvals().rules()).extracting(WorkflowConfig.Rule::id)
			.containsExactly("director", "general-manager");
		assertThat(w.approvals().rules().get(1).approvers()).containsExactly("gm");
		assertThat(w.approvals().wecom().enabled()).isFalse();
	}

	@Test
	void theFileIsOptional() throws IOException {
		Files.delete(dir.resolve("workflow.yaml"));
		WorkflowConfig w = loader.load(dir, List.of()).workflow();
		assertThat(w.approvals().rules()).isEmpty();
		assertThat(w.reminders().leaseSeconds()).isEqualTo(120);
	}

	@Test
	void anUnknownApproverNamesFileLineAndField() throws IOException {
		replace("approvers: [gm]", "approvers: [nobody]");
		List<ConfigError> errors = errors();
		assertThat(errors).hasSize(1);
		ConfigError e = errors.get(0);
		assertThat(e.file()).isEqualTo("workflow.yaml");
		assertThat(e.field()).isEqualTo("approvals.rules[1].approvers[0]");
		assertThat(e.line()).isEqualTo(lineOf("approvers: [nobody]"));
		assertThat(e.message()).contains("unknown user 'nobody'");
	}

	@Test
	void badValuesAreReported() throws IOException {
		replace("leaseSeconds: 120", "leaseSeconds: 0");
		replace("timezone: Asia/Shanghai", "timezone: Mars/Olympus");
		replace("away: []", "away: [ghost]");
		replace("enabled: false", "enabled: true");
		assertThat(errors()).extracting(ConfigError::field)
			.contains("reminders.leaseSeconds", "timezone", "approvals.away[0]", "approvals.wecom.templateId",
					"approvals.wecom.secret");
	}

	@Test
	void secretsComeFromTheEnvironmentAndAreMasked() {
		env.put("SMS_GATEWAY_URL", "http://sms.example.com/send");
		env.put("SMS_API_KEY", "very-secret-key");
		WorkflowConfig w = loader.load(dir, List.of()).workflow();
		assertThat(w.sms().enabled()).isTrue();
		assertThat(w.sms().apiKey()).isEqualTo("very-secret-key");
		assertThat(w.toString()).doesNotContain("very-secret-key").contains("******");
	}

}
