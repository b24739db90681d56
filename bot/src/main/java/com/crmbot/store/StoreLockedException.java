package com.crmbot.store;

import java.nio.file.Path;

/** The embedded store's data directory is in use by another process. */
public class StoreLockedException extends RuntimeException {

	private final Path dataDir;

	public StoreLockedException(Path dataDir, Throwable cause) {
		super("The data directory " + dataDir
				+ " is in use by another crm-bot process (the store file is locked); stop that process or set crmbot.store.data-dir to another directory.",
				cause);
		this.dataDir = dataDir;
	}

	public Path dataDir() {
		return this.dataDir;
	}

}
