package com.crmbot.command;

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
 */
public record CommandSpec(String name, List<String> aliases, String usage, String summary, String summaryEn,
		Permission permission) {

	public CommandSpec {
		aliases = List.copyOf(aliases);
	}

	public String summary(String locale) {
		return "en".equals(locale) ? summaryEn : summary;
	}

	/** {@code /name usage}. */
	public String synopsis() {
		return "/" + name + (usage.isEmpty() ? "" : " " + usage);
	}

}
