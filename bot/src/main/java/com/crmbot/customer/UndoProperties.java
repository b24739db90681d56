package com.crmbot.customer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long {@code /undo} can take back one's own last change.
 *
 * @param window e.g. {@code 15m} (default), {@code 1h}; must be positive
 */
@ConfigurationProperties("crmbot.undo")
public record UndoProperties(@DefaultValue("15m") Duration window) {

	public UndoProperties {
		if (window == null || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("crmbot.undo.window must be a positive duration, e.g. 15m");
		}
	}

}
