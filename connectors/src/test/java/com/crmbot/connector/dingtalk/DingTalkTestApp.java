package com.crmbot.connector.dingtalk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.ChatUser;
import com.crmbot.connector.InboundLedger;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.Reply;
import com.crmbot.connector.UserDirectory;

import com.crmbot.testsupport.MutableClock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A stand-in for the bot: the DingTalk connector, the outbox and the ledger, a fake
 * handler that answers {@code /help} and records what it saw, and two configured users.
 * Marked {@link TestComponent} so that another test application scanning
 * {@code com.crmbot.connector} does not pick it up.
 */
@TestComponent
@SpringBootApplication(scanBasePackages = { "com.crmbot.connector.dingtalk", "com.crmbot.connector.outbox" })
@Import(InboundLedger.class)
class DingTalkTestApp {

	static final String HELP = "可用命令: /help /customer /task";

	@Bean
	MutableClock clock() {
		return new MutableClock();
	}

	@Bean
	FakeHandler fakeHandler() {
		return new FakeHandler();
	}

	@Bean
	UserDirectory userDirectory() {
		List<ChatUser> users = List.of(new ChatUser("zhang", "张三", "销售一部", null, "staff-zhang"),
				new ChatUser("li", "李四", "销售二部", null, "staff-li"));
		return () -> users;
	}

	static final class FakeHandler implements InboundMessageHandler {

		final List<ChatMessage> seen = new CopyOnWriteArrayList<>();

		volatile boolean fail;

		final List<com.crmbot.connector.ChatEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public List<Reply> onEvent(com.crmbot.connector.ChatEvent event) {
			events.add(event);
			return List.of(Reply.text("已处理: " + event.attributes().get("command")));
		}

		@Override
		public List<Reply> handle(ChatMessage message) {
			if (fail) {
				throw new IllegalStateException("store down");
			}
			seen.add(message);
			List<Reply> out = new ArrayList<>();
			if ("/help".equals(message.text())) {
				out.add(Reply.text(HELP));
			}
			else {
				out.add(Reply.text("收到: " + message.text()));
			}
			return out;
		}

	}

}
