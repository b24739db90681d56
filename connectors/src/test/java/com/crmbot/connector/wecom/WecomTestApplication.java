package com.crmbot.connector.wecom;

import java.util.List;

import com.crmbot.connector.ChatUser;
import com.crmbot.connector.InboundLedger;
import com.crmbot.connector.UserDirectory;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Test-only application: the WeCom package, the outbox and the inbound ledger, with a
 * fake bot and user directory. The store is mongo-java-server (see {@link TestEnv}).
 */
@SpringBootApplication(scanBasePackages = { "com.crmbot.connector.wecom", "com.crmbot.connector.outbox" })
@Import(InboundLedger.class)
public class WecomTestApplication {

	@Bean
	FakeBot fakeBot() {
		return new FakeBot();
	}

	@Bean
	UserDirectory userDirectory() {
		return () -> List.of(new ChatUser("zhang", "张三", "销售一部", "ChenJiaShun", null));
	}

}
