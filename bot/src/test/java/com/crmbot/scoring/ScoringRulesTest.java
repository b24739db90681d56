package com.crmbot.scoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.crmbot.config.ConfigError;
import com.crmbot.config.ConfigException;
import com.crmbot.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The scoring conditions' grammar, and bad rules reported with file, line and field. */
class ScoringRulesTest {

	@TempDir
	Path dir;

	@Test
	void conditionsEvaluateFactsComparisonsTagsAndNegation() {
		Map<String, Object> f = Map.of("decisionMaker", true, "budgetKnown", false, "daysSinceContact", 31L, "stage",
				"谈判", "tag", List.of("A", "报价"), "studentAge", "小学", "budget", 500000L);
		assertThat(Condition.parse("decisionMaker").test(f)).isTrue();
		assertThat(Condition.parse("budgetKnown").test(f)).isFalse();
		assertThat(Condition.parse("not budgetKnown").test(f)).isTrue();
		assertThat(Condition.parse("daysSinceContact >= 30").test(f)).isTrue();
		assertThat(Condition.parse("daysSinceContact < 30").test(f)).isFalse();
		assertThat(Condition.parse("stage == 谈判 and decisionMaker").test(f)).isTrue();
		assertThat(Condition.parse("stage = 成交").test(f)).isFalse();
		assertThat(Condition.parse("tag == a").test(f)).isTrue();
		assertThat(Condition.parse("tag != B").test(f)).isTrue();
		assertThat(Condition.parse("studentAge == 小学").test(f)).isTrue();
		assertThat(Condition.parse("budget > 100000").test(f)).isTrue();
		assertThat(Condition.parse("region == 江苏").test(f)).as("absent field").isFalse();
		assertThatThrownBy(() -> Condition.parse("budget >=")).hasMessageContaining("no value");
		assertThatThrownBy(() -> Condition.parse("budget >> 3")).hasMessageContaining("cannot read");
	}

	@Test
	void aBadRuleNamesFileLineAndField() throws IOException {
		for (String f : List.of("org.yaml", "customers.yaml", "inquiry.yaml", "bot.yaml")) {
			Files.copy(Path.of("../config", f), dir.resolve(f));
		}
		Path customers = dir.resolve("customers.yaml");
		String text = Files.readString(customers, StandardCharsets.UTF_8)
			.replace("when: budgetKnown", "when: budgetKnwn")
			.replace("when: \"daysSinceContact >= 30\"", "when: \"daysSinceContact >=\"");
		Files.writeString(customers, text, StandardCharsets.UTF_8);
		ConfigException ex = catchThrowableOfType(ConfigException.class,
				() -> new ConfigLoader((k) -> null).load(dir, List.of(new ScoringService.RulesCheck())));
		assertThat(ex.errors()).extracting(ConfigError::field).containsExactly("scoring[1].when", "scoring[3].when");
		assertThat(ex.errors().get(0).message()).contains("unknown fact or field 'budgetKnwn'");
		assertThat(ex.errors().get(0).file()).isEqualTo("customers.yaml");
		assertThat(ex.errors().get(0).line()).isEqualTo(lineOf(text, "budgetKnwn"));
		assertThat(ex.errors().get(1).message()).contains("no value after >=");
	}

	private static int lineOf(String text, String needle) {
		String[] lines = text.split("\n");
		for (int i = 0; i < lines.length; i++) {
			if (lines[i].contains(needle)) {
				return i + 1;
			}
		}
		return -1;
	}

}
