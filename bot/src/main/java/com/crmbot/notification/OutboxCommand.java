package com.crmbot.notification;

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
import com.crmbot.connector.outbox.Outbox;
import com.crmbot.connector.outbox.OutboxEntry;

import org.springframework.stereotype.Component;

/** {@code /outbox}: messages that finally failed to send, with the reason (admins). */
@Component
class OutboxCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("outbox", Permission.ADMIN);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final Outbox outbox;

	OutboxCommand(Outbox outbox) {
		this.outbox = outbox;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<OutboxEntry> failed = outbox.failures(20);
		if (failed.isEmpty()) {
			return ctx.say("outbox-empty", Map.of("pending", outbox.count(OutboxEntry.Status.PENDING)));
		}
		String lines = failed.stream()
			.map((e) -> ctx.text("outbox-line",
					Map.of("time", TIME.format(e.createdAt()), "to", e.recipient().key(), "attempts", e.attempts(),
							"reason", (e.lastError() != null) ? e.lastError() : "—")))
			.collect(Collectors.joining("\n"));
		return ctx.say("outbox-failed", Map.of("count", failed.size(), "lines", lines));
	}

}
