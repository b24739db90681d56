package com.crmbot.connector.local;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.ChatUser;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.MessageType;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Reply;
import com.crmbot.connector.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local connector's JSON API, used by the web chat page and by scripts: post a
 * message as the signed-in user and get the bot's replies; poll pushes. Who the caller is
 * comes from the servlet principal (the bot's sign-in), never from the request.
 */
@RestController
@RequestMapping("/api/local")
class LocalChatController {

	private static final Logger log = LoggerFactory.getLogger(LocalChatController.class);

	/**
	 * Answers of this API before a user is known have no language to speak: they are
	 * protocol errors for scripts, in English (the page shows its own words).
	 */
	private static final String NOT_CONFIGURED = "not a configured user";

	private static final String BODY_REQUIRED = "a JSON body {\"text\": \"...\"} is required";

	/** The id prefix of a greeting's lines in the history. */
	private static final String ENTER = "enter-";

	private final InboundMessageHandler handler;

	private final UserDirectory directory;

	private final LocalConnector connector;

	private final Clock clock;

	LocalChatController(InboundMessageHandler handler, UserDirectory directory, LocalConnector connector,
			ObjectProvider<Clock> clock) {
		this.handler = handler;
		this.directory = directory;
		this.connector = connector;
		this.clock = clock.getIfAvailable(Clock::systemDefaultZone);
	}

	@GetMapping("/users")
	List<UserView> users() {
		return directory.users().stream().map((u) -> new UserView(u.key(), u.name(), u.department())).toList();
	}

	@PostMapping(path = "/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> post(@RequestBody(required = false) PostedMessage body, Principal principal) {
		if (body == null) {
			return error(HttpStatus.BAD_REQUEST, BODY_REQUIRED);
		}
		ChatUser user = (principal == null) ? null : directory.find(Platform.LOCAL, principal.getName()).orElse(null);
		if (user == null) {
			log.info("local: message from a signed-in user who is no longer configured");
			return error(HttpStatus.FORBIDDEN, NOT_CONFIGURED);
		}
		String id = (body.messageId() != null && !body.messageId().isBlank()) ? body.messageId()
				: UUID.randomUUID().toString();
		MessageType type = MessageType.TEXT;
		String attachment = null;
		if (body.fileName() != null && !body.fileName().isBlank()) {
			type = MessageType.FILE;
			attachment = body.fileName();
		}
		ChatMessage msg = new ChatMessage(id, Platform.LOCAL, user.key(), user.key(), body.text(), clock.instant(),
				type, false, attachment, null);
		List<Reply> replies = handler.handle(msg);
		String shown = (attachment != null) ? "\uD83D\uDCCE " + attachment : body.text();
		if (shown != null && !shown.isBlank()) {
			connector.record(id + ":in", user.key(), shown, null);
		}
		for (int i = 0; i < replies.size(); i++) {
			connector.record(id + ":" + i, user.key(), null, replies.get(i));
		}
		return ResponseEntity.ok(new Replies(id, replies.stream().map(ReplyView::of).toList()));
	}

	/**
	 * The signed-in user's conversation so far (what they sent, the answers, pushes),
	 * oldest first, so the page survives a reload; {@code seq} of the last line is where
	 * inbox polling continues.
	 */
	@GetMapping("/history")
	ResponseEntity<?> history(@RequestParam(defaultValue = "100") int limit, Principal principal) {
		ChatUser user = (principal == null) ? null : directory.find(Platform.LOCAL, principal.getName()).orElse(null);
		if (user == null) {
			return error(HttpStatus.FORBIDDEN, NOT_CONFIGURED);
		}
		int n = Math.max(1, Math.min(limit, 500));
		return ResponseEntity.ok(connector.history(user.key(), n)
			.stream()
			.map((e) -> new Line(e.seq(), kind(e), e.text(), (e.reply() != null) ? ReplyView.of(e.reply()) : null,
					e.at().toString()))
			.toList());
	}

	private static String kind(LocalChatEntry e) {
		if (e.reply() == null) {
			return "me";
		}
		if (e.push()) {
			return "push";
		}
		return e.id().startsWith(ENTER) ? "welcome" : "bot";
	}

	/**
	 * A user opening the chat with no history yet: the bot's greeting (the same event
	 * WeCom sends when a member enters the app), kept in the history like any answer.
	 */
	@PostMapping("/enter")
	ResponseEntity<?> enter(Principal principal) {
		ChatUser user = (principal == null) ? null : directory.find(Platform.LOCAL, principal.getName()).orElse(null);
		if (user == null) {
			return error(HttpStatus.FORBIDDEN, NOT_CONFIGURED);
		}
		if (!connector.history(user.key(), 1).isEmpty()) {
			return ResponseEntity.ok(new Replies(null, List.of()));
		}
		String id = ENTER + UUID.randomUUID();
		List<Reply> replies = handler
			.onEvent(new ChatEvent(id, Platform.LOCAL, "enter_agent", user.key(), clock.instant(), Map.of()));
		for (int i = 0; i < replies.size(); i++) {
			connector.record(id + ":" + i, user.key(), null, replies.get(i));
		}
		return ResponseEntity.ok(new Replies(id, replies.stream().map(ReplyView::of).toList()));
	}

	@GetMapping("/inbox")
	ResponseEntity<?> inbox(@RequestParam(defaultValue = "0") long after, Principal principal) {
		ChatUser user = (principal == null) ? null : directory.find(Platform.LOCAL, principal.getName()).orElse(null);
		if (user == null) {
			return error(HttpStatus.FORBIDDEN, NOT_CONFIGURED);
		}
		return ResponseEntity.ok(connector.inbox(user.key(), after)
			.stream()
			.map((e) -> new Push(e.seq(), ReplyView.of(e.reply()), e.deliveredAt().toString()))
			.toList());
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(Map.of("error", message));
	}

	/** A posted chat message; the sender is whoever signed in. */
	record PostedMessage(String text, String messageId, String fileName) {
	}

	record UserView(String key, String name, String department) {
	}

	record Replies(String messageId, List<ReplyView> replies) {
	}

	record Push(long seq, ReplyView reply, String at) {
	}

	/** A line of the history: {@code kind} is me, bot, welcome or push. */
	record Line(long seq, String kind, String text, ReplyView reply, String at) {
	}

	/**
	 * A reply as the page gets it: an image ({@code imageRef}, a file the bot wrote) is
	 * shown from {@code /api/charts/<file name>}, which serves it to its user; the
	 * server's path is not disclosed.
	 */
	record ReplyView(String text, Reply.Format format, String title, List<Reply.Button> buttons, String image,
			String html) {

		static ReplyView of(Reply r) {
			String image = null;
			if (r.imageRef() != null) {
				image = "api/charts/" + java.nio.file.Path.of(r.imageRef()).getFileName();
			}
			return new ReplyView(r.text(), r.format(), r.title(), r.buttons(), image, HtmlCard.render(r));
		}

	}

}
