package com.crmbot.calendar;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.crmbot.config.OrgConfig.User;
import com.crmbot.config.ConfigService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /calendar/<token>.ics}: a user's feed. The secret token in the URL is the
 * credential (calendar clients cannot sign in); an unknown or revoked token is a 404.
 */
@RestController
class CalendarController {

	private static final Logger log = LoggerFactory.getLogger(CalendarController.class);

	static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

	private final CalendarTokens tokens;

	private final CalendarFeed feed;

	private final ConfigService config;

	CalendarController(CalendarTokens tokens, CalendarFeed feed, ConfigService config) {
		this.tokens = tokens;
		this.feed = feed;
		this.config = config;
	}

	@GetMapping("/calendar/{token}.ics")
	ResponseEntity<byte[]> feed(@PathVariable String token) {
		Optional<User> user = tokens.userFor(token).flatMap((id) -> config.get().user(id));
		if (user.isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.TEXT_PLAIN)
				.body("no such calendar\n".getBytes(StandardCharsets.UTF_8));
		}
		String ics = feed.render(user.get());
		log.info("calendar: feed served to user={} ({} bytes)", user.get().id(), ics.length());
		return ResponseEntity.ok()
			.contentType(TEXT_CALENDAR)
			.cacheControl(CacheControl.noCache().cachePrivate())
			.header("Content-Disposition", "inline; filename=\"crm-bot.ics\"")
			.body(ics.getBytes(StandardCharsets.UTF_8));
	}

}
