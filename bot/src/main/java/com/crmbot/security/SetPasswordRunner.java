package com.crmbot.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Command line: {@code java -jar bot.jar --spring.main.web-application-type=none
 * --crmbot.set-password=<user>} reads the new password from the console (or one line of
 * standard input), stores its bcrypt hash and exits. Run it with the bot stopped (the
 * embedded store is one process's file).
 */
@Component
@ConditionalOnProperty("crmbot.set-password")
class SetPasswordRunner implements ApplicationRunner {

	private final LocalAccounts accounts;

	private final CrmUsers users;

	private final ConfigurableApplicationContext context;

	private final String user;

	SetPasswordRunner(LocalAccounts accounts, CrmUsers users, ConfigurableApplicationContext context,
			org.springframework.core.env.Environment env) {
		this.accounts = accounts;
		this.users = users;
		this.context = context;
		this.user = env.getProperty("crmbot.set-password");
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		int code = setFrom(readPassword());
		System.exit(SpringApplication.exit(context, () -> code));
	}

	/** Store the password; 0 on success, 2 for an unknown user, 3 for a bad password. */
	int setFrom(String password) {
		if (users.user(user).isEmpty()) {
			System.err.println("no user " + user + " in org.yaml");
			return 2;
		}
		try {
			accounts.setPassword(user, (password == null) ? "" : password);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			return 3;
		}
		System.out.println("password set for " + user);
		return 0;
	}

	private static String readPassword() throws java.io.IOException {
		Console console = System.console();
		if (console != null) {
			char[] pw = console.readPassword("new password: ");
			return (pw != null) ? new String(pw) : null;
		}
		return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
	}

}
