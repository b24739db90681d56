package com.crmbot.followup;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;
import com.crmbot.customer.CustomerLookup;

import org.springframework.stereotype.Component;

/** {@code /history <客户> [页码]}: every follow-up of a customer, a page at a time. */
@Component
class HistoryCommand implements Command {

	static final int PAGE_SIZE = 10;

	private static final CommandSpec SPEC = new CommandSpec("history", Permission.USER);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final CustomerLookup lookup;

	private final FollowUpService followUps;

	HistoryCommand(CustomerLookup lookup, FollowUpService followUps) {
		this.lookup = lookup;
		this.followUps = followUps;
	}

	private static String text(FollowUp f) {
		if (f.text() != null) {
			return f.text().strip();
		}
		return (f.attachment() != null) ? f.attachment() : "";
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> tokens = ctx.tokens();
		if (tokens.isEmpty()) {
			return ctx.usage();
		}
		int page = 1;
		String ref = ctx.args();
		String last = tokens.get(tokens.size() - 1);
		if (tokens.size() > 1 && last.matches("[0-9]{1,4}")) {
			page = Math.max(1, Integer.parseInt(last));
			ref = ref.substring(0, ref.lastIndexOf(last)).strip();
		}
		CustomerLookup.Result r = lookup.find(ctx, ref);
		if (!r.found()) {
			return r.replies();
		}
		long total = followUps.count(r.customer().id());
		long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		page = (int) Math.min(page, pages);
		int first = (page - 1) * PAGE_SIZE;
		List<FollowUp> items = followUps.page(r.customer().id(), first, PAGE_SIZE);
		if (items.isEmpty()) {
			return ctx.say("history-none", Map.of("customer", r.customer().name()));
		}
		int[] n = { first };
		List<String> lines = items.stream()
			.map((FollowUp f) -> ctx.text("history-line",
					Map.of("n", ++n[0], "time", TIME.format(f.at()), "kind", ctx.text(f.kind().labelKey(), Map.of()),
							"text",
							(f.text() != null) ? f.text().strip() : (f.attachment() != null) ? f.attachment() : "")))
			.toList();
		String more = (page < pages)
				? ctx.text("history-more", Map.of("command", "/history " + r.customer().name() + " " + (page + 1)))
				: "";
		Reply reply = ctx.list("history",
				Map.of("customer", r.customer().name(), "page", page, "pages", pages, "total", total), lines, more);
		if (page < pages) {
			reply = reply.withButtons(List.of(new Reply.Button("history:next", ctx.text("button-next-page", Map.of()),
					"/history " + com.crmbot.customer.CustomerService.shortId(r.customer().id()) + " " + (page + 1))));
		}
		return List.of(reply);
	}

}
