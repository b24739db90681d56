package com.crmbot.calendar;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.notification.Notifier;
import com.crmbot.text.Lexicon;

import org.springframework.stereotype.Component;

/**
 * {@code /calendar [new|off]}: my private calendar feed. The URL is shown once when it is
 * issued (only a hash is stored); {@code new} replaces it (the old URL stops working),
 * {@code off} revokes it.
 */
@Component
class CalendarCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("calendar", Permission.USER);

	@Lexicon("words for a new feed URL")
	private static final Set<String> NEW = Set.of("new", "reset", "rotate", "新", "新地址", "重置", "更换");

	@Lexicon("words for revoking the feed")
	private static final Set<String> OFF = Set.of("off", "revoke", "stop", "关闭", "停用", "撤销");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final CalendarTokens tokens;

	private final CalendarProperties props;

	private final ConfigService config;

	private final Notifier notifier;

	CalendarCommand(CalendarTokens tokens, CalendarProperties props, ConfigService config, Notifier notifier) {
		this.tokens = tokens;
		this.props = props;
		this.config = config;
		this.notifier = notifier;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		String arg = ctx.args().strip().toLowerCase(Locale.ROOT);
		String user = ctx.actor().id();
		if (arg.isEmpty()) {
			var existing = tokens.current(user);
			if (existing.isPresent()) {
				return ctx.say("calendar-exists", Map.of("since",
						WHEN.format(existing.get().createdAt().atZone(config.get().workflow().zone()))));
			}
			return issued(ctx, false);
		}
		if (NEW.contains(arg)) {
			return issued(ctx, tokens.current(user).isPresent());
		}
		if (OFF.contains(arg)) {
			return ctx.say(tokens.revoke(user) ? "calendar-revoked" : "calendar-none", Map.of());
		}
		return ctx.usage();
	}

	private List<Reply> issued(CommandContext ctx, boolean replaced) {
		String token = tokens.issue(ctx.actor().id());
		String url = props.publicUrl() + "/calendar/" + token + ".ics";
		Reply created = ctx.reply("calendar-created",
				Map.of("url", url, "replaced", replaced ? ctx.text("calendar-replaced", Map.of()) : ""));
		if (ctx.message().group()) {
			// the URL is a secret: never into a group, only to the user in private
			notifier.notify(ctx.actor().user(), created,
					"calendar:" + ctx.actor().id() + ":" + CalendarTokens.hash(token).substring(0, 16));
			return ctx.say("calendar-sent-privately", Map.of());
		}
		return List.of(created);
	}

}
