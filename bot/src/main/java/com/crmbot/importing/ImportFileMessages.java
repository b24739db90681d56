package com.crmbot.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Actor;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.MediaDownloader;
import com.crmbot.connector.MessageType;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Reply;
import com.crmbot.template.TemplateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A CSV/XLSX file sent in the chat. From WeCom or DingTalk the file is downloaded from
 * the platform and checked like an upload (the doctor's report comes back in the chat).
 * The local web chat names a file but carries no content: the user is told how to upload
 * it (reading a path named by a message would let anyone read the server's files).
 */
@Component
class ImportFileMessages implements com.crmbot.chat.MessageHandlerExtension {

	private static final Logger log = LoggerFactory.getLogger(ImportFileMessages.class);

	private final TemplateService templates;

	private final ImportFlow flow;

	private final List<MediaDownloader> downloaders;

	private final long maxBytes;

	ImportFileMessages(TemplateService templates, ImportFlow flow, List<MediaDownloader> downloaders,
			ImportProperties properties) {
		this.templates = templates;
		this.flow = flow;
		this.downloaders = downloaders;
		this.maxBytes = properties.maxBytes();
	}

	@Override
	public boolean supports(ChatMessage m) {
		String n = fileName(m);
		if (m.type() != MessageType.FILE || n == null) {
			return false;
		}
		n = n.toLowerCase(Locale.ROOT);
		return n.endsWith(".csv") || n.endsWith(".xlsx") || n.endsWith(".xls") || n.endsWith(".txt");
	}

	/** The file's name: the platform's file name, or what the local chat sent. */
	static String fileName(ChatMessage m) {
		String n = m.extras().get("fileName");
		if (n == null && m.platform() == Platform.LOCAL) {
			n = m.attachment();
		}
		if (n == null && m.platform() != Platform.LOCAL) {
			n = m.text();
		}
		return (n != null && !n.isBlank()) ? n.strip() : null;
	}

	@Override
	public List<Reply> handle(ChatMessage m, Actor actor) {
		String file = fileName(m);
		Optional<MediaDownloader> downloader = downloaders.stream()
			.filter((d) -> d.platform() == m.platform())
			.findFirst();
		if (downloader.isEmpty()) {
			return List.of(Reply
				.text(templates.reply(actor.locale(), "import-upload-hint", Map.of("file", file, "user", actor.id()))));
		}
		try {
			Optional<byte[]> content = downloader.get().download(m, maxBytes);
			if (content.isEmpty()) {
				return List.of(Reply.text(templates.reply(actor.locale(), "import-upload-hint",
						Map.of("file", file, "user", actor.id()))));
			}
			log.info("import: {} file {} from {} downloaded ({} bytes)", m.platform().id(), m.messageId(), actor.id(),
					content.get().length);
			return flow.upload(actor, file, new ByteArrayInputStream(content.get()), false).replies();
		}
		catch (MediaDownloader.MediaTooLargeException ex) {
			return List.of(Reply.text(templates.reply(actor.locale(), "import-file-unavailable",
					Map.of("file", file, "reason", ex.getMessage()))));
		}
		catch (IOException ex) {
			// the platform could not hand over the file now: the message is processed
			// again on redelivery
			log.warn("import: {} file {} not downloaded: {}", m.platform().id(), m.messageId(), ex.getMessage());
			return List.of(Reply.text(templates.reply(actor.locale(), "import-file-unavailable",
					Map.of("file", file, "reason", ex.getMessage()))));
		}
	}

}
