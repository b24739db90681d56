package com.crmbot.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import com.crmbot.template.TemplateService;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may reach what over HTTP. Everything needs a signed-in configured user (session
 * from the login form or trial mode, or a personal API token) except the platform
 * callbacks (checked by their signatures), the sign-in pages and the bare health probe.
 */
@Configuration
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class SecurityConfig {

	/**
	 * Routes that carry their own credential and check it themselves: the calendar feed
	 * (a secret token in the URL), the call centre's pushes (HMAC signature or its own
	 * token), the unsubscribe link of a mail (a signed token) and chart images opened
	 * from a signed link (the controller admits the owner or a valid signature only).
	 */
	static final String[] SELF_AUTHENTICATED = { "/calendar/*.ics", "/api/calls", "/mail/unsubscribe",
			"/api/charts/*" };

	@Bean
	SecurityFilterChain webSecurity(HttpSecurity http, Environment env, SecuritySettings settings, TrialMode trial,
			CrmUsers users, ApiTokens tokens, Denials denials, RateLimits rateLimits, TemplateService templates)
			throws Exception {
		String[] callbacks = { env.getProperty("crmbot.wecom.callback-path", "/wecom/callback"),
				env.getProperty("crmbot.wecom.callback-path", "/wecom/callback") + "/**",
				env.getProperty("crmbot.dingtalk.callback-path", "/dingtalk/callback") };
		RequestMatcher bearer = ApiTokenFilter::hasBearer;
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
		passwords.setPasswordEncoder(LocalAccounts.encoder());
		ProviderManager manager = new ProviderManager(new TrialAuthenticationProvider(users), passwords);
		http.authenticationManager(manager)
			.authorizeHttpRequests((a) -> a.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(callbacks)
				.permitAll()
				.requestMatchers("/login", "/signin.css", "/signin-dingtalk.js", "/favicon.ico", "/signin/**")
				.permitAll()
				.requestMatchers(SELF_AUTHENTICATED)
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasRole("ADMIN")
				.anyRequest()
				.hasRole("USER"))
			.formLogin((f) -> f.loginPage("/login")
				.authenticationDetailsSource(SignInDetails.source(trial))
				.defaultSuccessUrl("/", true)
				.failureHandler((req, res, ex) -> {
					denials.record(req.getParameter("username"), "sign-in", "sign-in");
					res.sendRedirect(req.getContextPath() + "/login?error");
				})
				.permitAll())
			.logout((l) -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.csrf((c) -> c.spa()
				.ignoringRequestMatchers(callbacks)
				.ignoringRequestMatchers(bearer)
				.ignoringRequestMatchers(SELF_AUTHENTICATED))
			.addFilterBefore(new ApiTokenFilter(tokens, users, denials, templates),
					UsernamePasswordAuthenticationFilter.class)
			.addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
			.addFilterAfter(rateLimits.filter(),
					org.springframework.security.web.access.intercept.AuthorizationFilter.class)
			.exceptionHandling(
					(e) -> e.authenticationEntryPoint((req, res, ex) -> signInRequired(templates, req, res, ex))
						.accessDeniedHandler((req, res, ex) -> {
							org.springframework.security.core.Authentication auth = org.springframework.security.core.context.SecurityContextHolder
								.getContext()
								.getAuthentication();
							String who = (auth != null && auth.isAuthenticated()
									&& !(auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken))
											? auth.getName() : null;
							denials.record(who, req.getMethod() + " " + req.getRequestURI(), "http");
							if (who == null) {
								signInRequired(templates, req, res, null);
							}
							else {
								Json.error(res, 403, templates.both("api-error-forbidden", java.util.Map.of()));
							}
						}))
			.headers((h) -> h.frameOptions((f) -> f.disable())
				.contentSecurityPolicy((csp) -> csp.policyDirectives(csp(settings.frameAncestors())))
				.referrerPolicy((r) -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	@Bean
	org.springframework.boot.web.servlet.FilterRegistrationBean<BodyLimits> bodyLimits(SecuritySettings settings,
			@org.springframework.beans.factory.annotation.Value("${crmbot.import.max-bytes:52428800}") long importMax,
			TemplateService templates) {
		var reg = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
				new BodyLimits(settings, importMax, templates));
		reg.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 20);
		return reg;
	}

	private static void signInRequired(TemplateService templates, HttpServletRequest req, HttpServletResponse res,
			Exception ex) throws IOException {
		if (wantsPage(req)) {
			res.sendRedirect(req.getContextPath() + "/login");
		}
		else {
			res.setHeader("WWW-Authenticate", "Bearer");
			Json.error(res, 401, templates.both("api-error-sign-in", java.util.Map.of()));
		}
	}

	static String csp(List<String> frameAncestors) {
		List<String> fa = new ArrayList<>(frameAncestors);
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
				+ "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors " + String.join(" ", fa);
	}

	/**
	 * A browser navigating to a page (redirect to sign-in) rather than an API call (401).
	 */
	private static boolean wantsPage(HttpServletRequest req) {
		String uri = req.getRequestURI().substring(req.getContextPath().length());
		if (uri.startsWith("/api/") || uri.startsWith("/actuator")) {
			return false;
		}
		String accept = req.getHeader("Accept");
		return "GET".equals(req.getMethod())
				&& (accept == null || accept.contains("text/html") || accept.contains("*/*"));
	}

	/**
	 * Makes sure the CSRF cookie is written, so the chat page can echo it in a header.
	 */
	static final class CsrfCookieFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			if (token != null) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

	}

}
