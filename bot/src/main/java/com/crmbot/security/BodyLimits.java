package com.crmbot.security;

import java.io.IOException;
import com.crmbot.template.TemplateService;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The largest body each endpoint accepts, enforced before anything reads it: a declared
 * {@code Content-Length} over the limit is answered 413 unread; a body without one is
 * read through a counting stream that stops at the limit. A query with broken %-encoding
 * gets 400.
 */
class BodyLimits extends OncePerRequestFilter {

	/** Request attribute set when a streamed body went over its limit. */
	public static final String TOO_LARGE = "crmbot.bodyTooLarge";

	private static final java.util.regex.Pattern BAD_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

	private final SecuritySettings settings;

	private final long importMax;

	private final TemplateService templates;

	BodyLimits(SecuritySettings settings, long importMax, TemplateService templates) {
		this.templates = templates;
		this.settings = settings;
		this.importMax = importMax;
	}

	long limitFor(HttpServletRequest request) {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		if (uri.equals("/api/import")) {
			return importMax + 64 * 1024; // room for multipart framing
		}
		if (uri.startsWith("/api/local/") || uri.startsWith("/api/inquiries/")) {
			return settings.maxChatBytes();
		}
		return settings.maxOtherBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query != null && BAD_ESCAPE.matcher(query).find()) {
			Json.error(response, 400, templates.both("api-error-query-encoding", java.util.Map.of()));
			return;
		}
		long max = limitFor(request);
		long declared = request.getContentLengthLong();
		if (declared > max) {
			response.setHeader("Connection", "close");
			Json.error(response, 413, templates.both("api-error-body-limit", java.util.Map.of("max", max)));
			return;
		}
		chain.doFilter((declared >= 0) ? request : new Bounded(request, max), response);
	}

	/** Thrown when a streamed body passes its limit. */
	static final class TooLargeException extends IOException {

		TooLargeException(long max) {
			super("request body larger than " + max + " bytes");
		}

	}

	private static final class Bounded extends HttpServletRequestWrapper {

		private final long max;

		private ServletInputStream stream;

		Bounded(HttpServletRequest request, long max) {
			super(request);
			this.max = max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				ServletInputStream in = super.getInputStream();
				HttpServletRequest req = (HttpServletRequest) getRequest();
				stream = new ServletInputStream() {
					private long count;

					@Override
					public int read() throws IOException {
						int b = in.read();
						if (b >= 0) {
							check(1);
						}
						return b;
					}

					@Override
					public int read(byte[] buf, int off, int len) throws IOException {
						int n = in.read(buf, off, len);
						if (n > 0) {
							check(n);
						}
						return n;
					}

					private void check(int n) throws IOException {
						count += n;
						if (count > max) {
							req.setAttribute(TOO_LARGE, Boolean.TRUE);
							throw new TooLargeException(max);
						}
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
					}
				};
			}
			return stream;
		}

	}

}
