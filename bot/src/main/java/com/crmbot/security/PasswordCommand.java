package com.crmbot.security;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/**
 * {@code /password <user>} (admins): a new random password for a configured user's local
 * sign-in, shown once to the admin to hand over; only its bcrypt hash is stored.
 */
@Component
class PasswordCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("password", Permission.ADMIN);

	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private final SecureRandom random = new SecureRandom();

	private final LocalAccounts accounts;

	private final CrmUsers users;

	PasswordCommand(LocalAccounts accounts, CrmUsers users) {
		this.accounts = accounts;
		this.users = users;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> args = ctx.tokens();
		if (args.size() != 1) {
			return ctx.usage();
		}
		String user = args.get(0);
		if (users.user(user).isEmpty()) {
			return ctx.say("password-unknown-user", Map.of("user", user));
		}
		StringBuilder pw = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			pw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		accounts.setPassword(user, pw);
		return ctx.say("password-set", Map.of("user", user, "password", pw.toString()));
	}

}
