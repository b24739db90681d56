package com.crmbot.command;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandGroup;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.crmbot.connector.Reply;
import com.crmbot.template.TemplateService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** {@code /help [command]}: generated from each command's own declaration. */
@Component
class HelpCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("help", Permission.USER);

	private final ObjectProvider<CommandRegistry> registry;

	private final com.crmbot.config.ConfigService config;

	HelpCommand(ObjectProvider<CommandRegistry> registry, com.crmbot.config.ConfigService config) {
		this.registry = registry;
		this.config = config;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		String locale = ctx.actor().locale();
		CommandRegistry r = registry.getObject();
		if (!ctx.args().isEmpty()) {
			String name = ctx.args().replaceFirst("^[/／]", "").strip();
			return r.find(name, config.get()).map((c) -> ctx.say("help-detail", detail(c, r, ctx))).orElseGet(() -> {
				TemplateService.CommandWords near = r.words(r.nearest(name, config.get()), locale);
				return ctx.say("unknown-command",
						Map.of("typed", "/" + name, "synopsis", near.synopsis(), "summary", near.help()));
			});
		}
		TemplateService.Labels labels = ctx.labels("help-card", Map.of("name", ctx.actor().user().name()));
		Reply.Builder card = Reply.card(labels.get("heading"));
		for (CommandGroup g : CommandGroup.values()) {
			List<String> lines = r.all()
				.stream()
				.filter((c) -> c.spec().group() == g && allowed(c.spec(), ctx, config))
				.map((c) -> ctx.text("help-line", detail(c, r, ctx)))
				.toList();
			card.list(ctx.text("help-group", Map.of("group", ctx.text(g.labelKey(), Map.of()))), lines);
		}
		return List.of(card.list(null, List.of(labels.get("footer"))).build());
	}

	private static boolean allowed(CommandSpec spec, CommandContext ctx, com.crmbot.config.ConfigService config) {
		return switch (spec.permission()) {
			case USER -> true;
			case SUPERVISOR -> ctx.actor().isSupervisor(config.get().org());
			case EXPORT -> ctx.actor().role().canExport();
			case ADMIN -> ctx.actor().isAdmin();
		};
	}

	private static Map<String, Object> detail(Command c, CommandRegistry r, CommandContext ctx) {
		CommandSpec spec = c.spec();
		TemplateService.CommandWords words = r.words(c, ctx.actor().locale());
		return Map.of("synopsis", words.synopsis(), "summary", words.help(), "aliases",
				words.aliases().isEmpty() ? "—"
						: words.aliases().stream().map((a) -> "/" + a).collect(Collectors.joining(" ")),
				"permission",
				ctx.text("permission-" + spec.permission().name().toLowerCase(java.util.Locale.ROOT), Map.of()));
	}

}
