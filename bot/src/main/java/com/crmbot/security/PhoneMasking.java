package com.crmbot.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Phone numbers never reach the log in full: every log line's message and stack trace
 * (query strings, look-up arguments, request paths, exception messages) has mainland
 * mobile numbers masked to {@code 139****1111}, also when written with {@code +86},
 * {@code %2B86}, spaces or dashes. Registered for {@code %m}/{@code %msg} and the
 * exception word in {@code logback-spring.xml}.
 */
public final class PhoneMasking {

	private static final Pattern MOBILE = Pattern.compile(
			"(?<![0-9])(?:(?:\\+|%2[Bb]|00)?86[-\\s]?)?(1[3-9][0-9])((?:[-\\s]?[0-9]){4})[-\\s]?([0-9]{4})(?![0-9])");

	private PhoneMasking() {
	}

	/** The text with every mobile number's middle digits replaced by {@code ****}. */
	public static String mask(String text) {
		if (text == null || text.length() < 11) {
			return text;
		}
		Matcher m = MOBILE.matcher(text);
		if (!m.find()) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		do {
			m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "****" + m.group(3)));
		}
		while (m.find());
		m.appendTail(out);
		return out.toString();
	}

	/** {@code %m}: the formatted message, masked. */
	public static final class MessageMasking extends MessageConverter {

		@Override
		public String convert(ILoggingEvent event) {
			return mask(super.convert(event));
		}

	}

	/** {@code %wEx}: Boot's stack trace layout, masked. */
	public static final class ThrowableMasking extends ExtendedWhitespaceThrowableProxyConverter {

		@Override
		protected String throwableProxyToString(IThrowableProxy tp) {
			return mask(super.throwableProxyToString(tp));
		}

	}

}
