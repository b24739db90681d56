package com.crmbot.chat;

import java.util.List;

import com.crmbot.chat.Actor;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.Reply;

/**
 * A feature that takes certain non-text messages before the default media filing (e.g. a
 * CSV/XLSX file for lead import).
 */
public interface MessageHandlerExtension {

	boolean supports(ChatMessage message);

	List<Reply> handle(ChatMessage message, Actor actor);

}
