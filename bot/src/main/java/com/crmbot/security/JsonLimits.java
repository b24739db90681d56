package com.crmbot.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson's stream read constraints for every JSON request body (and every other use of
 * the application's {@link JsonMapper}): Boot's mapper builder, with the same customizers
 * (the {@code spring.jackson.*} settings), on a {@link JsonFactory} whose limits come
 * from {@code crmbot.security.json.*}. A body over a limit is answered 400.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JsonLimits.Settings.class)
class JsonLimits {

	/**
	 * {@code crmbot.security.json.*}.
	 *
	 * @param maxStringLength longest string value, in characters
	 * @param maxNameLength longest property name, in characters
	 * @param maxNestingDepth deepest nesting of objects and arrays
	 * @param maxNumberLength longest number, in digits
	 * @param maxTokenCount most tokens in one document
	 */
	@ConfigurationProperties("crmbot.security.json")
	@Validated
	record Settings(@DefaultValue("1000000") @Min(1024) int maxStringLength,
			@DefaultValue("1000") @Min(16) int maxNameLength,
			@DefaultValue("64") @Min(4) @Max(1000) int maxNestingDepth,
			@DefaultValue("100") @Min(20) @Max(1000) int maxNumberLength,
			@DefaultValue("1000000") @Min(1000) long maxTokenCount) {

		StreamReadConstraints constraints() {
			return StreamReadConstraints.builder()
				.maxStringLength(maxStringLength)
				.maxNameLength(maxNameLength)
				.maxNestingDepth(maxNestingDepth)
				.maxNumberLength(maxNumberLength)
				.maxTokenCount(maxTokenCount)
				.build();
		}

	}

	/** Replaces Boot's builder bean (same customizers, constrained factory). */
	@Bean
	@Scope("prototype")
	JsonMapper.Builder jsonMapperBuilder(Settings settings, ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
		JsonFactory factory = JsonFactory.builder().streamReadConstraints(settings.constraints()).build();
		JsonMapper.Builder builder = JsonMapper.builder(factory);
		customizers.orderedStream().forEach((c) -> c.customize(builder));
		return builder;
	}

}
