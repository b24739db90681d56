package com.crmbot.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.crmbot.template.TemplateService;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-user rate limits (token buckets) on chat messages, imports and exports; over the
 * limit the request gets 429 with {@code Retry-After}, unread.
 */
@Component
public class RateLimits {

	enum Kind {

		CHAT, IMPORT, EXPORT

	}

	private final SecuritySettings settings;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final TemplateService templates;

	RateLimits(SecuritySettings settings, TemplateService templates) {
		this.settings = settings;
		this.templates = templates;
	}

	static Kind kindOf(HttpServletRequest request) {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		if ("POST".equals(request.getMethod())
				&& (uri.equals("/api/local/messages") || uri.equals("/api/inquiries/extract"))) {
			return Kind.CHAT;
		}
		if ("POST".equals(request.getMethod()) && uri.equals("/api/import")) {
			return Kind.IMPORT;
		}
		if (uri.startsWith("/api/export/")) {
			return Kind.EXPORT;
		}
		return null;
	}

	/** Seconds to wait, or 0 when the user may go ahead (and a token was taken). */
	long take(String user, Kind kind) {
		int perMinute = switch (kind) {
			case CHAT -> settings.chatPerMinute();
			case IMPORT -> settings.importPerMinute();
			case EXPORT -> settings.exportPerMinute();
		};
		Bucket bucket = buckets.computeIfAbsent(kind + ":" + user,
				(k) -> Bucket.builder()
					.addLimit((l) -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
					.build());
		ConsumptionProbe p = bucket.tryConsumeAndReturnRemaining(1);
		return p.isConsumed() ? 0 : Math.max(1, Duration.ofNanos(p.getNanosToWaitForRefill()).toSeconds());
	}

	Filter filter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				Kind kind = kindOf(request);
				if (kind != null && request.getUserPrincipal() != null) {
					long wait = take(request.getUserPrincipal().getName(), kind);
					if (wait > 0) {
						response.setHeader("Retry-After", Long.toString(wait));
						Json.error(response, 429, templates.both("api-error-rate-limited", Map.of("seconds", wait)));
						return;
					}
				}
				chain.doFilter(request, response);
			}
		};
	}

}
