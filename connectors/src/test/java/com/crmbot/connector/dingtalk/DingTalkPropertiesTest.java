package com.crmbot.connector.dingtalk;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disabled DingTalk needs nothing; enabled DingTalk validates its settings; secrets are
 * masked.
 */
class DingTalkPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(DingTalkConfiguration.class);

	@Test
	void disabledDingTalkRegistersNothingAndDemandsNoSecrets() {
		runner.run((ctx) -> {
			assertThat(ctx).hasNotFailed();
			assertThat(ctx).doesNotHaveBean(DingTalkConnector.class);
			assertThat(ctx).doesNotHaveBean(DingTalkProperties.class);
		});
		runner.withPropertyValues("crmbot.dingtalk.enabled=false").run((ctx) -> {
			assertThat(ctx).hasNotFailed();
			assertThat(ctx).doesNotHaveBean(DingTalkConnector.class);
		});
	}

	@Test
	void enabledWithoutSecretsFailsNamingTheKeys() {
		runner.withPropertyValues("crmbot.dingtalk.enabled=true").run((ctx) -> {
			assertThat(ctx).hasFailed();
			assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("client-id");
		});
		runner
			.withPropertyValues("crmbot.dingtalk.enabled=true", "crmbot.dingtalk.client-id=k",
					"crmbot.dingtalk.client-secret=s", "crmbot.dingtalk.robots.sales.access-token=t")
			.run((ctx) -> {
				assertThat(ctx).hasFailed();
				assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("secret");
			});
	}

	@Test
	void toStringMasksSecrets() {
		DingTalkProperties p = new DingTalkProperties(true, "dingkey", "topsecretvalue", null, null, null,
				DingTalkProperties.Mode.HTTP, "/dingtalk/callback", "api.dingtalk.com", "https",
				"https://oapi.dingtalk.com", 65536, java.time.Duration.ofHours(1), java.time.Duration.ofMinutes(15),
				java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(20), java.time.Duration.ofSeconds(20),
				20, java.util.Map.of("sales", new DingTalkProperties.GroupRobot(
						"https://oapi.dingtalk.com/robot/send?access_token=robottoken123", null, "SECrobotsecret")));
		String s = p.toString();
		assertThat(s).contains("dingkey")
			.doesNotContain("topsecretvalue")
			.doesNotContain("robottoken123")
			.doesNotContain("SECrobotsecret");
		assertThat(p.isCredentialsPresent()).isTrue();
		DingTalkProperties legacy = new DingTalkProperties(true, null, null, "appkey", "appsecret", null,
				DingTalkProperties.Mode.STREAM, "/x", "h", "https", "u", 65536, java.time.Duration.ofHours(1),
				java.time.Duration.ofMinutes(15), java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(20),
				java.time.Duration.ofSeconds(20), 20, null);
		assertThat(legacy.key()).isEqualTo("appkey");
		assertThat(legacy.secret()).isEqualTo("appsecret");
		assertThat(legacy.effectiveRobotCode()).isEqualTo("appkey");
	}

}
