package com.crmbot.chat;

import java.util.List;

import com.crmbot.connector.Reply;

/**
 * A slash command: one class per command, declaring its name, aliases, usage, help and
 * permission in {@link #spec()}. Commands return replies rendered from templates.
 */
public interface Command {

	CommandSpec spec();

	/**
	 * Run with the permission already checked. Bad arguments get an answer, not an
	 * exception.
	 */
	List<Reply> run(CommandContext ctx);

}
