package com.crmbot.security;

import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The session cookie's {@code Secure} flag: {@code crmbot.security.cookie-secure}, or by
 * default on unless the server listens on loopback only (plain-http trial on the
 * machine). HttpOnly and SameSite come from {@code server.servlet.session.cookie.*}.
 */
@Component
class SessionCookie implements ServletContextInitializer {

	private final boolean secure;

	SessionCookie(SecuritySettings settings, Environment env) {
		this.secure = (settings.cookieSecure() != null) ? settings.cookieSecure()
				: !TrialMode.isLocalHostName(env.getProperty("server.address"));
	}

	boolean secure() {
		return secure;
	}

	@Override
	public void onStartup(jakarta.servlet.ServletContext servletContext) {
		servletContext.getSessionCookieConfig().setSecure(secure);
	}

}
