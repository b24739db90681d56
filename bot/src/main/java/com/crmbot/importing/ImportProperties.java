package com.crmbot.importing;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Lead import settings ({@code crmbot.import.*}), registered by
 * {@link ImportConfiguration}.
 *
 * @param dir where uploaded files wait until imported (default
 * {@code <crmbot.store.data-dir>/imports}, set in application.yml)
 * @param maxBytes the largest accepted upload (default 50 MB)
 * @param unconfirmedTtl how long a checked but unconfirmed upload is kept (default 24 h)
 */
@Validated
@ConfigurationProperties("crmbot.import")
public record ImportProperties(@NotNull Path dir, @DefaultValue("52428800") @Positive long maxBytes,
		@DefaultValue("PT24H") @NotNull Duration unconfirmedTtl) {

}
