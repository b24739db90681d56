package com.crmbot.export;

import com.crmbot.access.AuditLog;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/** {@code /export} (roles allowed to export) and {@code /audit} (admins). */
final class ExportCommands {

	private ExportCommands() {
	}

	/**
	 * {@code /export [customers|followups|deals]}. Declared for every user so that a
	 * denial is answered and written to the audit log here.
	 */
	@Component
	static class ExportCommand implements Command {

		private static final CommandSpec SPEC = new CommandSpec("export", Permission.USER);

		private final ExportService exports;

		private final AuditLog audit;

		ExportCommand(ExportService exports, AuditLog audit) {
			this.exports = exports;
			this.audit = audit;
		}

		@Override
		public CommandSpec spec() {
			return SPEC;
		}

		@Override
		public List<Reply> run(CommandContext ctx) {
			Optional<ExportService.Kind> kind = ctx.args().isEmpty() ? Optional.of(ExportService.Kind.CUSTOMERS)
					: ExportService.Kind.of(ctx.args().strip());
			if (kind.isEmpty()) {
				return ctx.usage();
			}
			String action = "export " + kind.get().name().toLowerCase();
			if (!ctx.actor().role().canExport()) {
				audit.denied(ctx.actor(), action, "chat");
				return ctx.say("export-denied", Map.of("role", ctx.actor().role().name()));
			}
			long rows = exports.count(ctx.actor(), kind.get());
			audit.allowed(ctx.actor(), action, "chat", rows);
			return ctx.say("export-ready", Map.of("rows", rows, "kind", kind.get().name().toLowerCase(), "url",
					"/api/export/" + kind.get().file(), "workbook", "/api/export/crm.xlsx"));
		}

	}

	/** {@code /audit [n]}: the latest audit entries. */
	@Component
	static class AuditCommand implements Command {

		private static final CommandSpec SPEC = new CommandSpec("audit", Permission.ADMIN);

		private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
			.withZone(ZoneId.of("Asia/Shanghai"));

		private final AuditLog audit;

		AuditCommand(AuditLog audit) {
			this.audit = audit;
		}

		@Override
		public CommandSpec spec() {
			return SPEC;
		}

		@Override
		public List<Reply> run(CommandContext ctx) {
			int n = 20;
			if (!ctx.args().isEmpty()) {
				try {
					n = Math.max(1, Math.min(200, Integer.parseInt(ctx.args().strip())));
				}
				catch (NumberFormatException ex) {
					return ctx.usage();
				}
			}
			String items = audit.latest(n)
				.stream()
				.map((e) -> ctx.text("audit-line",
						Map.of("time", TIME.format(e.at()), "user", e.userId(), "role", e.role(), "action", e.action(),
								"channel", e.channel(), "outcome",
								ctx.text(e.allowed() ? "audit-allowed" : "audit-denied", Map.of("rows", e.rows())))))
				.collect(Collectors.joining("\n"));
			return ctx.say("audit", Map.of("items", items.isEmpty() ? "—" : items));
		}

	}

}
