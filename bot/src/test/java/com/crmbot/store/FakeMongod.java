package com.crmbot.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Stands in for the {@code mongod} binary inside the test archive that
 * {@link FlapdoodleStoreTest} hands to flapdoodle: a MongoDB-wire-compatible server on
 * the port flapdoodle asks for, announcing itself the way mongod does.
 */
public final class FakeMongod {

	private FakeMongod() {
	}

	public static void main(String[] args) throws InterruptedException {
		int port = 27017;
		for (int i = 0; i < args.length - 1; i++) {
			if ("--port".equals(args[i])) {
				port = Integer.parseInt(args[i + 1]);
			}
		}
		MongoServer server = new MongoServer(new MemoryBackend());
		server.bind("127.0.0.1", port);
		System.out
			.println("{\"t\":{\"$date\":\"2026-01-01T00:00:00.000+00:00\"},\"s\":\"I\",\"c\":\"NETWORK\",\"id\":23016,"
					+ "\"ctx\":\"listener\",\"msg\":\"Waiting for connections\",\"attr\":{\"port\":" + port
					+ ",\"ssl\":\"off\"}}");
		System.out.flush();
		Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
		Thread.currentThread().join();
	}

}
