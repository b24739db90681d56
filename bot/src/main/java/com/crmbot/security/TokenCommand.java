package com.crmbot.security;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;
import com.crmbot.text.Lexicon;

import org.springframework.stereotype.Component;

/**
 * {@code /token new [label] | list | revoke <id>}: personal API tokens for scripts and BI
 * tools, with the owner's rights. The secret is shown once; only its SHA-256 is stored.
 */
@Component
class TokenCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("token", Permission.USER);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final ApiTokens tokens;

	TokenCommand(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> args = ctx.tokens();
		String sub = args.isEmpty() ? "list" : args.get(0).toLowerCase(java.util.Locale.ROOT);
		String owner = ctx.actor().id();
		switch (action(sub)) {
			case "new" -> {
				String label = String.join(" ", args.subList(1, args.size()));
				ApiTokens.Issued t = tokens.issue(owner, label);
				return ctx.say("token-new", Map.of("token", t.secret(), "id", t.token().shortId()));
			}
			case "list" -> {
				String items = tokens.list(owner)
					.stream()
					.map((t) -> ctx.text("token-item",
							Map.of("id", t.shortId(), "label", t.label(), "created", TIME.format(t.createdAt()),
									"state",
									ctx.text((t.revokedAt() != null) ? "token-state-revoked" : "token-state-active",
											Map.of()))))
					.collect(Collectors.joining("\n"));
				return items.isEmpty() ? ctx.say("token-none", Map.of())
						: ctx.say("token-list", Map.of("items", items));
			}
			case "revoke" -> {
				if (args.size() != 2) {
					return ctx.usage();
				}
				return tokens.revoke(owner, args.get(1)) ? ctx.say("token-revoked", Map.of("id", args.get(1)))
						: ctx.say("token-not-found", Map.of("id", args.get(1)));
			}
			default -> {
				return ctx.usage();
			}
		}
	}

	/** The sub-command a word names (new, list, revoke), or the word itself. */
	@Lexicon("token sub-commands")
	private static String action(String word) {
		return switch (word) {
			case "新建" -> "new";
			case "列表" -> "list";
			case "撤销" -> "revoke";
			default -> word;
		};
	}

}
