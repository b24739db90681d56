package com.crmbot.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment variables the connector docs name are the ones the built-in
 * application.yml reads; documented names that nothing reads fail this test.
 */
class EnvironmentVariablesTest {

	private static final Pattern ENV = Pattern.compile("`((?:WECOM|DINGTALK)_[A-Z_]+)`");

	private StandardEnvironment environment(Map<String, Object> variables) throws IOException {
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources().addFirst(new MapPropertySource("test-env", variables));
		for (PropertySource<?> ps : new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"))) {
			env.getPropertySources().addLast(ps);
		}
		return env;
	}

	@Test
	void theDocumentedVariablesSwitchTheConnectorsOnAndSetTheirKeys() throws IOException {
		StandardEnvironment off = environment(Map.of());
		assertThat(off.getProperty("crmbot.wecom.enabled")).isEqualTo("false");
		assertThat(off.getProperty("crmbot.dingtalk.enabled")).isEqualTo("false");
		assertThat(off.getProperty("crmbot.wecom.api-base-url")).isEqualTo("https://qyapi.weixin.qq.com");

		StandardEnvironment on = environment(Map.of("WECOM_ENABLED", "true", "WECOM_CORP_ID", "ww0123",
				"WECOM_AGENT_ID", "1000002", "WECOM_SECRET", "s3cret", "WECOM_TOKEN", "tok", "WECOM_ENCODING_AES_KEY",
				"k".repeat(43), "WECOM_KF_OPEN_KF_IDS", "wk1,wk2", "DINGTALK_ENABLED", "true", "DINGTALK_CLIENT_ID",
				"ding123", "DINGTALK_MODE", "stream"));
		assertThat(on.getProperty("crmbot.wecom.enabled")).isEqualTo("true");
		assertThat(on.getProperty("crmbot.wecom.corp-id")).isEqualTo("ww0123");
		assertThat(on.getProperty("crmbot.wecom.agent-id")).isEqualTo("1000002");
		assertThat(on.getProperty("crmbot.wecom.encoding-aes-key")).hasSize(43);
		assertThat(on.getProperty("crmbot.wecom.kf-open-kf-ids")).isEqualTo("wk1,wk2");
		assertThat(on.getProperty("crmbot.dingtalk.enabled")).isEqualTo("true");
		assertThat(on.getProperty("crmbot.dingtalk.client-id")).isEqualTo("ding123");
		assertThat(on.getProperty("crmbot.dingtalk.mode")).isEqualTo("stream");
	}

	@Test
	void everyVariableTheConnectorDocsNameIsReadByApplicationYml() throws IOException {
		String yaml = new String(new ClassPathResource("application.yml").getInputStream().readAllBytes(),
				java.nio.charset.StandardCharsets.UTF_8);
		Set<String> documented = new TreeSet<>();
		for (String doc : new String[] { "../docs/wecom.md", "../docs/dingtalk.md", "../README.md" }) {
			Matcher m = ENV.matcher(Files.readString(Path.of(doc)));
			while (m.find()) {
				documented.add(m.group(1));
			}
		}
		assertThat(documented).contains("WECOM_ENABLED", "DINGTALK_ENABLED", "WECOM_CORP_ID");
		assertThat(documented).allSatisfy((v) -> assertThat(yaml).as(v).contains("${" + v + ":"));
	}

}
