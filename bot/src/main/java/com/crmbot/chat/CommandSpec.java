package com.crmbot.chat;

import java.util.List;

/**
 * A command's own declaration: everything {@code /help} shows comes from here.
 *
 * @param name canonical name, used as {@code /name}
 * @param aliases other names, e.g. Chinese ({@code 新建})
 * @param usage argument synopsis, e.g. {@code <客户> <内容>}
 * @param summary one line in Chinese
 * @param summaryEn one line in English
 * @param permission what the user's role needs
 * @param group the task it serves, for the grouped {@code /help}
 * @param synonyms words meaning this command that are not names of it (审批 → approvals):
 * an unknown command containing one is pointed here
 */
public record CommandSpec(String name, List<String> aliases, String usage, String summary, String summaryEn,
		Permission permission, CommandGroup group, List<String> synonyms) {

	public CommandSpec {
		aliases = List.copyOf(aliases);
		group = (group != null) ? group : CommandGroup.defaultFor(name);
		synonyms = (synonyms != null && !synonyms.isEmpty()) ? List.copyOf(synonyms)
				: CommandGroup.defaultSynonyms(name);
	}

	/** A command that takes its group and synonyms from {@link CommandGroup}'s table. */
	public CommandSpec(String name, List<String> aliases, String usage, String summary, String summaryEn,
			Permission permission) {
		this(name, aliases, usage, summary, summaryEn, permission, null, null);
	}

	public String summary(String locale) {
		return "en".equals(locale) ? summaryEn : summary;
	}

	/** {@code /name usage}. */
	public String synopsis() {
		return "/" + name + (usage.isEmpty() ? "" : " " + usage);
	}

}
