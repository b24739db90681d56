package com.crmbot.chat;

import java.util.List;

/**
 * A command's own declaration: its name, the permission it needs and the task it serves.
 * Its words (aliases users type in each language, usage, one line of help) live in the
 * command catalogue {@code templates/replies/<locale>/commands.txt}, keyed by the name
 * (see {@link com.crmbot.template.TemplateService#command}).
 *
 * @param name canonical name, used as {@code /name}
 * @param permission what the user's role needs
 * @param group the task it serves, for the grouped {@code /help}
 */
public record CommandSpec(String name, Permission permission, CommandGroup group) {

	public CommandSpec {
		group = (group != null) ? group : CommandGroup.defaultFor(name);
	}

	/** A command that takes its group from {@link CommandGroup}'s table. */
	public CommandSpec(String name, Permission permission) {
		this(name, permission, null);
	}

	/**
	 * Words meaning this command that are not names of it (审批 → approvals): an unknown
	 * command containing one is pointed here.
	 */
	public List<String> synonyms() {
		return CommandGroup.defaultSynonyms(name);
	}

}
