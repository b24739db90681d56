package com.crmbot.chat;

import java.util.List;
import java.util.Optional;

import com.crmbot.chat.Actor;
import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.Reply;

/** A feature's handler for platform events (approval changes, contacts added...). */
public interface BotEventHandler {

	boolean supports(ChatEvent event);

	/**
	 * @param actor the configured user who caused the event, if known
	 */
	List<Reply> handle(ChatEvent event, Optional<Actor> actor);

}
