package com.crmbot.connector.wecom;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class WecomPropertiesTest {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(WecomConfiguration.class);

	@Test
	void disabledWecomNeedsNoSecretsAndRegistersNothing() {
		runner.run((ctx) -> {
			assertThat(ctx).hasNotFailed();
			assertThat(ctx).doesNotHaveBean(WecomConnector.class);
			assertThat(ctx).doesNotHaveBean(WecomProperties.class);
		});
	}

	@Test
	void anEncodingAesKeyThatIsNot43CharactersIsAStartupErrorNamingTheKey() {
		runner
			.withPropertyValues("crmbot.wecom.enabled=true", "crmbot.wecom.corp-id=ww1", "crmbot.wecom.agent-id=1",
					"crmbot.wecom.secret=s", "crmbot.wecom.token=t", "crmbot.wecom.encoding-aes-key=tooshort")
			.run((ctx) -> {
				assertThat(ctx).hasFailed();
				Throwable t = ctx.getStartupFailure();
				StringBuilder all = new StringBuilder();
				while (t != null) {
					all.append(t.getMessage()).append('\n');
					t = t.getCause();
				}
				assertThat(all.toString()).contains("encoding-aes-key").contains("43");
			});
	}

	@Test
	void toStringMasksEverySecret() {
		WecomProperties p = new WecomProperties(true, "wwcorp", 1, "super-secret-value", "callback-token-1",
				"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "/wecom/callback", "https://qyapi.weixin.qq.com",
				List.of("wk1"), Map.of("sales", "robot-webhook-key-123"), Duration.ofMillis(1500), 65536, 30, 20, 10, 4,
				"hi", Duration.ofSeconds(30), Duration.ofSeconds(5), 6);
		String s = p.toString();
		assertThat(s).doesNotContain("super-secret-value")
			.doesNotContain("callback-token-1")
			.doesNotContain("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
			.doesNotContain("robot-webhook-key-123")
			.contains("wwcorp")
			.contains("sales");
	}

}
