package com.crmbot.importing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.crmbot.access.Actor;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.MessageType;
import com.crmbot.connector.Reply;
import com.crmbot.template.TemplateService;

import org.springframework.stereotype.Component;

/**
 * A CSV/XLSX file sent in the chat: the user is told how to hand over its content (the
 * web chat's upload button or {@code POST /api/import}); platform connectors that can
 * download the media call {@link ImportFlow#upload} with it.
 */
@Component
class ImportFileMessages implements com.crmbot.conversation.MessageHandlerExtension {

	private final TemplateService templates;

	ImportFileMessages(TemplateService templates) {
		this.templates = templates;
	}

	@Override
	public boolean supports(ChatMessage m) {
		if (m.type() != MessageType.FILE || m.attachment() == null) {
			return false;
		}
		String n = m.attachment().toLowerCase(Locale.ROOT);
		return n.endsWith(".csv") || n.endsWith(".xlsx") || n.endsWith(".xls") || n.endsWith(".txt");
	}

	@Override
	public List<Reply> handle(ChatMessage m, Actor actor) {
		// the chat message names the file but carries no content: ask for the upload
		// (reading a path named by a message would let anyone read the server's files)
		return List.of(Reply.text(templates.reply(actor.locale(), "import-upload-hint",
				Map.of("file", m.attachment(), "user", actor.id()))));
	}

}
