package com.crmbot.importing;

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
 * {@code /import}: my recent imports; {@code /import confirm <id>} imports a checked file
 * (or resumes an interrupted one); {@code /import report <id>} shows the doctor's report
 * again; {@code /import rejected <id>} gives the rejected rows' CSV.
 */
@Component
class ImportCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("import", Permission.USER);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final ImportStore imports;

	private final ImportFlow flow;

	ImportCommand(ImportStore imports, ImportFlow flow) {
		this.imports = imports;
		this.flow = flow;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> t = ctx.tokens();
		if (t.isEmpty()) {
			String items = imports.recent(ctx.actor(), 10)
				.stream()
				.map((i) -> ctx.text("import-list-line",
						Map.of("id", i.id(), "file", i.fileName(), "time", TIME.format(i.createdAt()), "state",
								ctx.text("import-state-" + i.state().name().toLowerCase(), Map.of()), "rows",
								i.dataRows(), "created", i.created())))
				.collect(Collectors.joining("\n"));
			return ctx.say("import-list", Map.of("items", items.isEmpty() ? "—" : items));
		}
		if (t.size() != 2) {
			return ctx.usage();
		}
		String id = t.get(1).replaceFirst("^#", "");
		LeadImport imp = imports.get(id).filter((i) -> i.mayBeUsedBy(ctx.actor())).orElse(null);
		if (imp == null) {
			return ctx.say("import-unknown", Map.of("id", id));
		}
		return switch (action(t.get(0))) {
			case "confirm" -> flow.confirm(ctx.actor(), id);
			case "report" -> flow.report(ctx.actor(), imp, true);
			case "rejected" -> ctx.say("import-rejected-link",
					Map.of("id", id, "count", imp.rejected(), "url", ImportFlow.rejectedUrl(imp, ctx.actor())));
			default -> ctx.usage();
		};
	}

	/** The sub-command a word names (confirm, report, rejected), or the word itself. */
	@Lexicon("import sub-commands")
	private static String action(String word) {
		return switch (word.toLowerCase(java.util.Locale.ROOT)) {
			case "confirm", "确认" -> "confirm";
			case "report", "报告" -> "report";
			case "rejected", "拒绝" -> "rejected";
			default -> word;
		};
	}

}
