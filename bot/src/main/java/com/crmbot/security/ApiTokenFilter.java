package com.crmbot.security;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import com.crmbot.template.TemplateService;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>}: a personal API token signs the request in as its
 * owner (for this request only, no session). A wrong or revoked token gets 401, never a
 * fall-back to other sign-in.
 */
class ApiTokenFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;

	private final CrmUsers users;

	private final Denials denials;

	private final TemplateService templates;

	ApiTokenFilter(ApiTokens tokens, CrmUsers users, Denials denials, TemplateService templates) {
		this.templates = templates;
		this.tokens = tokens;
		this.users = users;
		this.denials = denials;
	}

	static boolean hasBearer(HttpServletRequest request) {
		String h = request.getHeader("Authorization");
		return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// the call centre's own token is checked by its endpoint, not taken for a
		// person's
		if (!hasBearer(request) || "/api/calls".equals(request.getRequestURI())) {
			chain.doFilter(request, response);
			return;
		}
		Optional<String> owner = tokens.owner(request.getHeader("Authorization").substring(7).strip())
			.filter((o) -> users.user(o).isPresent());
		if (owner.isEmpty()) {
			denials.record(null, "token " + request.getMethod() + " " + request.getRequestURI(), "http");
			response.setHeader("WWW-Authenticate", "Bearer");
			Json.error(response, 401, templates.both("api-error-token", Map.of()));
			return;
		}
		SecurityContext ctx = SecurityContextHolder.createEmptyContext();
		ctx.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(owner.get(), null, users.authorities(owner.get())));
		SecurityContextHolder.setContext(ctx);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
