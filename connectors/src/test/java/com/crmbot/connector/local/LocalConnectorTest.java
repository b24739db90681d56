package com.crmbot.connector.local;

import java.time.Clock;
import java.util.List;

import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Pushes to the web chat inbox: once per key, and in one sequence across instances. */
class LocalConnectorTest {

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());

	@AfterEach
	void stop() {
		client.close();
		server.shutdownNow();
	}

	private LocalConnector instance() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("clock", Clock.systemUTC());
		return new LocalConnector(new MongoTemplate(client, "crmbot"), beans.getBeanProvider(Clock.class));
	}

	@Test
	void twoInstancesShareOneSequenceSoAPollAfterNMissesNothing() {
		LocalConnector a = instance();
		LocalConnector b = instance();
		Recipient zhang = Recipient.user(Platform.LOCAL, "zhangsan");
		a.send(zhang, Reply.text("1"), "k1");
		b.send(zhang, Reply.text("2"), "k2");
		a.send(zhang, Reply.text("3"), "k3");
		List<LocalInboxEntry> all = a.inbox("zhangsan", 0);
		assertThat(all).extracting((e) -> e.reply().text()).containsExactly("1", "2", "3");
		long afterFirst = all.get(0).seq();
		assertThat(b.inbox("zhangsan", afterFirst)).extracting((e) -> e.reply().text()).containsExactly("2", "3");
	}

	@Test
	void aRetriedSendShowsOnce() {
		LocalConnector a = instance();
		Recipient zhang = Recipient.user(Platform.LOCAL, "zhangsan");
		assertThat(a.send(zhang, Reply.text("hi"), "same").status())
			.isEqualTo(com.crmbot.connector.SendResult.Status.SENT);
		assertThat(a.send(zhang, Reply.text("hi"), "same").status())
			.isEqualTo(com.crmbot.connector.SendResult.Status.SENT);
		assertThat(a.inbox("zhangsan", 0)).hasSize(1);
	}

	@Test
	void theHistoryMergesTheConversationAndPushesInOrderAndKeepsCardsWhole() {
		LocalConnector a = instance();
		LocalConnector b = instance();
		Reply card = Reply.card("✅ 已归档跟进")
			.field("客户", "苏州恒通")
			.list("应对建议", List.of("案例"))
			.file("报价单.pdf", "api/files/q.pdf")
			.build();
		a.record("m1:in", "zhangsan", "苏州恒通的王总要报价", null);
		b.record("m1:0", "zhangsan", null, card);
		a.send(Recipient.user(Platform.LOCAL, "zhangsan"), Reply.text("提醒：回电话"), "reminder:1");
		// a retried post is stored once
		a.record("m1:in", "zhangsan", "苏州恒通的王总要报价", null);
		a.record("x:in", "lisi", "别人的", null);

		List<LocalChatEntry> h = b.history("zhangsan", 100);
		assertThat(h).extracting(LocalChatEntry::id).containsExactly("m1:in", "m1:0", "reminder:1");
		assertThat(h).extracting(LocalChatEntry::push).containsExactly(false, false, true);
		assertThat(h.get(1).reply()).isEqualTo(card);
		assertThat(a.history("zhangsan", 2)).extracting(LocalChatEntry::id).containsExactly("m1:0", "reminder:1");
	}

}
