package com.crmbot.store;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up integrity check: a unique index that lost entries (as an older version could
 * leave it after a crash) is rebuilt; documents sharing a unique key are reported, never
 * silent.
 */
class StoreIntegrityCheckTest {

	@TempDir
	Path dir;

	private DurableH2Backend backend;

	private MongoServer server;

	private MongoClient client;

	private MongoCollection<Document> customers;

	private StoreIntegrityCheck check;

	@BeforeEach
	void start() {
		backend = DurableH2Backend.open(dir.resolve("crm.mv"), false);
		server = new MongoServer(backend);
		server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 4);
		client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
		customers = client.getDatabase("crmbot").getCollection("customers");
		customers.createIndex(Indexes.ascending("phones"),
				new IndexOptions().unique(true).sparse(true).name("uniq_phone"));
		customers.createIndex(Indexes.ascending("companyKey"),
				new IndexOptions().unique(true).sparse(true).name("uniq_company"));
		check = new StoreIntegrityCheck(new MongoTemplate(client, "crmbot"), backend);
	}

	@AfterEach
	void stop() {
		client.close();
		server.shutdown();
	}

	@Test
	void aConsistentStorePasses() {
		customers.insertOne(new Document("companyKey", "a").append("phones", List.of("+861", "+862")));
		customers.insertOne(new Document("companyKey", "b").append("phones", List.of("+863")));
		assertThat(check.check()).isEmpty();
		assertThat(check.checked()).isTrue();
	}

	@Test
	void anIndexThatLostEntriesIsRebuilt() {
		customers.insertOne(new Document("companyKey", "a").append("phones", List.of("+861", "+862")));
		customers.insertOne(new Document("companyKey", "b").append("phones", List.of("+863")));
		loseIndexEntries("uniq_phone");
		assertThat(backend.indexSize("crmbot", "customers", "uniq_phone")).isZero();

		assertThat(check.check()).isEmpty();

		assertThat(customers.countDocuments(Filters.eq("phones", "+861"))).isEqualTo(1);
		assertThat(customers.countDocuments(Filters.eq("phones", "+863"))).isEqualTo(1);
		assertThat(backend.indexSize("crmbot", "customers", "uniq_phone")).isEqualTo(3);
	}

	@Test
	void trueDuplicatesAreReportedNotSilent() {
		customers.insertOne(new Document("companyKey", "a").append("phones", List.of("+861", "+862")));
		loseIndexEntries("uniq_phone");
		// what a resumed import did after such a crash: a second customer with that phone
		customers.insertOne(new Document("companyKey", "b").append("phones", List.of("+861")));

		List<String> problems = check.check();

		assertThat(problems)
			.anySatisfy((p) -> assertThat(p).contains("duplicate customers.uniq_phone").contains("+861"));
		assertThat(problems).anySatisfy((p) -> assertThat(p).contains("cannot be rebuilt"));
		assertThat(client.getDatabase("crmbot").getCollection(StoreIntegrityCheck.COLLECTION).countDocuments())
			.isEqualTo(problems.size());
	}

	private void loseIndexEntries(String index) {
		backend.getMvStore().openMap("crmbot.customers._index_" + index).clear();
	}

}
