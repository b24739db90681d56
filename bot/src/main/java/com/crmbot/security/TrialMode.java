package com.crmbot.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import com.crmbot.store.StoreProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Zero-setup first run: the person at the machine signs in without a password as one of
 * the configured users. On only while the embedded store is used, no platform is enabled
 * and the server listens on loopback only; even then it admits only a request whose
 * socket peer is a loopback address, that names the machine as host and that did not pass
 * through a proxy. Forwarding headers are never trusted to prove loopback.
 */
@Component
public class TrialMode {

	private static final List<String> FORWARDING_HEADERS = List.of("X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP",
			"Forwarded", "X-Forwarded-Proto", "Via");

	private final boolean enabled;

	public TrialMode(SecuritySettings settings, StoreProperties store, Environment env) {
		this.enabled = decide(settings.trial(), store.mode(), env.getProperty("spring.mongodb.uri"),
				env.getProperty("crmbot.wecom.enabled", Boolean.class, false),
				env.getProperty("crmbot.dingtalk.enabled", Boolean.class, false), env.getProperty("server.address"),
				env.getProperty("server.forward-headers-strategy"));
	}

	/** Whether trial mode is on for this configuration. */
	static boolean decide(SecuritySettings.Trial trial, StoreProperties.Mode storeMode, String mongoUri, boolean wecom,
			boolean dingtalk, String serverAddress, String forwardHeaders) {
		return trial == SecuritySettings.Trial.AUTO && storeMode == StoreProperties.Mode.EMBEDDED
				&& (mongoUri == null || mongoUri.isBlank()) && !wecom && !dingtalk && isLocalHostName(serverAddress)
				&& (forwardHeaders == null || forwardHeaders.equalsIgnoreCase("none"));
	}

	public boolean enabled() {
		return enabled;
	}

	/** Whether this request may use trial sign-in. */
	public boolean admits(HttpServletRequest request) {
		return enabled && admitsRequest(request);
	}

	static boolean admitsRequest(HttpServletRequest request) {
		for (String h : FORWARDING_HEADERS) {
			if (request.getHeader(h) != null) {
				return false;
			}
		}
		return isLoopbackLiteral(request.getRemoteAddr()) && isLocalHostName(request.getServerName());
	}

	/** The address is a literal loopback address (no name lookup). */
	static boolean isLoopbackLiteral(String address) {
		if (address == null || address.isBlank()) {
			return false;
		}
		String a = address.trim();
		if (a.startsWith("[") && a.endsWith("]")) {
			a = a.substring(1, a.length() - 1);
		}
		if (!a.matches("[0-9.]+") && !a.matches("[0-9a-fA-F:.]+")) {
			return false;
		}
		try {
			return InetAddress.getByName(a).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/** Host header names the machine itself (guards against DNS rebinding). */
	static boolean isLocalHostName(String host) {
		if (host == null) {
			return false;
		}
		String h = host.toLowerCase(Locale.ROOT);
		return h.equals("localhost") || isLoopbackLiteral(h);
	}

}
