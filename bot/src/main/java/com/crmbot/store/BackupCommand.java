package com.crmbot.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/** {@code /backup}: an online backup of the embedded store now (admins). */
@Component
class BackupCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("backup", Permission.ADMIN);

	private final BackupService backups;

	BackupCommand(BackupService backups) {
		this.backups = backups;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		if (!backups.available()) {
			return ctx.say("backup-unavailable", Map.of());
		}
		try {
			Path file = backups.backupNow();
			long kb = Files.size(file) / 1024;
			return ctx.say("backup-done", Map.of("file", file.toString(), "kb", kb, "count", backups.backups().size()));
		}
		catch (Exception ex) {
			return ctx.say("backup-failed", Map.of("reason", String.valueOf(ex.getMessage())));
		}
	}

}
