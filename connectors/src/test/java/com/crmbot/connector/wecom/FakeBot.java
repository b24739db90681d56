package com.crmbot.connector.wecom;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.Reply;

/** The bot as the tests see it: records what it was handed, answers as told. */
class FakeBot implements InboundMessageHandler {

	final List<ChatMessage> messages = new CopyOnWriteArrayList<>();

	final List<ChatEvent> events = new CopyOnWriteArrayList<>();

	volatile Function<ChatMessage, List<Reply>> onMessage = FakeBot::echo;

	volatile Function<ChatEvent, List<Reply>> onEvent = (e) -> List.of();

	static List<Reply> echo(ChatMessage m) {
		return List.of(Reply.text("收到: " + m.text()));
	}

	void reset() {
		messages.clear();
		events.clear();
		onMessage = FakeBot::echo;
		onEvent = (e) -> List.of();
	}

	@Override
	public List<Reply> handle(ChatMessage message) {
		messages.add(message);
		return onMessage.apply(message);
	}

	@Override
	public List<Reply> onEvent(ChatEvent event) {
		events.add(event);
		return onEvent.apply(event);
	}

}
