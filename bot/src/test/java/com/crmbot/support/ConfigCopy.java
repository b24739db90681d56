package com.crmbot.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private copy of the repository's {@code config/} for a test or benchmark that starts
 * its own bot instances, with some lines of {@code workflow.yaml} changed.
 */
public final class ConfigCopy {

	private ConfigCopy() {
	}

	/**
	 * @param source the repository's config folder ({@code ../config} from the bot
	 * module, {@code config} from the root)
	 * @param workflowEdits literal replacements in {@code workflow.yaml}
	 * @return a new temporary folder holding the copy
	 */
	public static Path of(Path source, Map<String, String> workflowEdits) {
		try {
			Path dir = Files.createTempDirectory("crmbot-config");
			try (Stream<Path> files = Files.list(source)) {
				for (Path f : files.toList()) {
					Files.copy(f, dir.resolve(f.getFileName()));
				}
			}
			Path wf = dir.resolve("workflow.yaml");
			String text = Files.readString(wf);
			for (Map.Entry<String, String> e : workflowEdits.entrySet()) {
				if (!text.contains(e.getKey())) {
					throw new IllegalStateException("workflow.yaml has no '" + e.getKey() + "'");
				}
				text = text.replace(e.getKey(), e.getValue());
			}
			Files.writeString(wf, text);
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
