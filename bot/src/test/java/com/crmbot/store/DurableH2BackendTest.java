package com.crmbot.store;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded store's durability: an acknowledged write is in the file (a copy of the
 * file taken right after the acknowledgement, as a crash would leave it, has it),
 * concurrent writers share commits, a scan running next to bulk writes never hits a freed
 * chunk, and a second process on the same file is refused with one clear message.
 */
class DurableH2BackendTest {

	@TempDir
	Path dir;

	@Test
	void anAcknowledgedWriteIsInTheFileBeforeTheAnswer() throws Exception {
		Path file = dir.resolve("crm.mv");
		DurableH2Backend backend = DurableH2Backend.open(file, true);
		MongoServer server = new MongoServer(backend);
		server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 8);
		try (MongoClient client = MongoClients.create(uri(server))) {
			MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
			c.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
			for (int i = 0; i < 20; i++) {
				c.insertOne(new Document("_id", i).append("k", "key" + i));
				// what a kill -9 right now would leave on disk
				Path copy = dir.resolve("copy" + i + ".mv");
				Files.copy(file, copy);
				H2Backend reopened = new H2Backend(MVStore.open(copy.toString()));
				try {
					MongoServer probe = new MongoServer(reopened);
					probe.bind(new InetSocketAddress("127.0.0.1", 0), 1, 2);
					try (MongoClient pc = MongoClients.create(uri(probe))) {
						MongoCollection<Document> pcc = pc.getDatabase("t").getCollection("c");
						assertThat(pcc.countDocuments()).isEqualTo(i + 1);
						// the unique index has the entry too: a duplicate is refused
						assertThatThrownBy(() -> pcc.insertOne(new Document("k", "key" + 0)))
							.hasMessageContaining("duplicate key");
					}
					finally {
						probe.shutdownNow();
					}
				}
				finally {
					Files.deleteIfExists(copy);
				}
			}
		}
		finally {
			server.shutdown();
		}
	}

	@Test
	void concurrentWritersShareCommits() throws Exception {
		DurableH2Backend backend = DurableH2Backend.open(dir.resolve("crm.mv"), true);
		MongoServer server = new MongoServer(backend);
		server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 32);
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try (MongoClient client = MongoClients.create(uri(server))) {
			MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
			c.insertOne(new Document("warm", true));
			long before = backend.commits();
			List<Future<?>> fs = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				int tt = t;
				fs.add(pool.submit(() -> {
					for (int i = 0; i < 25; i++) {
						c.insertOne(new Document("t", tt).append("i", i));
					}
				}));
			}
			for (Future<?> f : fs) {
				f.get(60, TimeUnit.SECONDS);
			}
			long commits = backend.commits() - before;
			assertThat(c.countDocuments()).isEqualTo(401);
			// 400 acknowledged writes, far fewer commits
			assertThat(commits).isPositive().isLessThan(400);
		}
		finally {
			pool.shutdownNow();
			server.shutdown();
		}
	}

	@Test
	void scansNextToBulkWritesNeverHitAFreedChunk() throws Exception {
		DurableH2Backend backend = DurableH2Backend.open(dir.resolve("crm.mv"), false);
		MongoServer server = new MongoServer(backend);
		server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 8);
		ExecutorService pool = Executors.newFixedThreadPool(3);
		AtomicBoolean stop = new AtomicBoolean();
		try (MongoClient client = MongoClients.create(uri(server))) {
			MongoCollection<Document> c = client.getDatabase("t").getCollection("customers");
			c.createIndex(Indexes.ascending("phone"), new IndexOptions().unique(true).sparse(true));
			Future<Integer> importer = pool.submit(() -> {
				int n = 0;
				for (int batch = 0; batch < 20; batch++) {
					List<Document> docs = new ArrayList<>();
					for (int i = 0; i < 250; i++, n++) {
						docs.add(new Document("phone", "138" + String.format("%08d", n)).append("name",
								"客户" + n + " ".repeat(200)));
					}
					c.insertMany(docs);
					// updates rewrite pages the scans are reading
					c.updateMany(new Document("phone", "138" + String.format("%08d", n - 1)),
							new Document("$inc", new Document("touched", 1)));
				}
				stop.set(true);
				return n;
			});
			List<Future<Long>> exporters = new ArrayList<>();
			for (int e = 0; e < 2; e++) {
				exporters.add(pool.submit(() -> {
					long scans = 0;
					while (!stop.get()) {
						long seen = 0;
						for (Document d : c.find().batchSize(1000)) {
							seen += (d.get("phone") != null) ? 1 : 0;
						}
						scans += (seen > 0) ? 1 : 0;
					}
					return scans;
				}));
			}
			assertThat(importer.get(120, TimeUnit.SECONDS)).isEqualTo(5_000);
			for (Future<Long> f : exporters) {
				assertThat(f.get(120, TimeUnit.SECONDS)).isPositive();
			}
			assertThat(c.countDocuments()).isEqualTo(5_000);
		}
		finally {
			stop.set(true);
			pool.shutdownNow();
			server.shutdown();
		}
	}

	@Test
	void aSecondOpenOfTheSameFileIsRefusedClearly() {
		Path file = dir.resolve("crm.mv");
		DurableH2Backend first = DurableH2Backend.open(file, true);
		try {
			assertThatThrownBy(() -> DurableH2Backend.open(file, true)).isInstanceOf(StoreLockedException.class)
				.hasMessageContaining("in use by another crm-bot process");
		}
		finally {
			first.close();
		}
	}

	private static String uri(MongoServer server) {
		return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
	}

}
