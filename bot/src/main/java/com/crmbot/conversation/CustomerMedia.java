package com.crmbot.conversation;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.MediaDownloader;
import com.crmbot.connector.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * Fetches the image (voice, video, file) a customer sent from its platform at once (WeCom
 * keeps media only 3 days) and keeps the bytes in the store, so the follow-up carries
 * {@code media:<id>} instead of a media id that expires.
 */
@Component
class CustomerMedia {

	private static final Logger log = LoggerFactory.getLogger(CustomerMedia.class);

	/** Bigger media are not kept (the platforms' own limits are 2–20 MB). */
	static final long MAX_BYTES = 10L * 1024 * 1024;

	private final List<MediaDownloader> downloaders;

	private final MongoTemplate mongo;

	private final Clock clock;

	CustomerMedia(List<MediaDownloader> downloaders, MongoTemplate mongo, Clock clock) {
		this.downloaders = downloaders;
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * The stored reference of the message's media ({@code media:<id>}), or empty when it
	 * has none or it could not be fetched (the platform's media id is then kept).
	 */
	Optional<String> fetch(ChatMessage m) {
		if (m.type() == MessageType.TEXT || m.attachment() == null || m.attachment().isBlank()) {
			return Optional.empty();
		}
		String id = m.platform().id() + ":" + m.messageId();
		if (mongo.exists(org.springframework.data.mongodb.core.query.Query
			.query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)), StoredMedia.class)) {
			return Optional.of("media:" + id);
		}
		Optional<MediaDownloader> downloader = downloaders.stream()
			.filter((d) -> d.platform() == m.platform())
			.findFirst();
		if (downloader.isEmpty()) {
			return Optional.empty();
		}
		try {
			Optional<byte[]> data = downloader.get().download(m, MAX_BYTES);
			if (data.isEmpty()) {
				return Optional.empty();
			}
			mongo.save(new StoredMedia(id, m.type().name().toLowerCase(java.util.Locale.ROOT), contentType(data.get()),
					data.get(), clock.instant()));
			log.info("customer media {} stored ({} bytes)", id, data.get().length);
			return Optional.of("media:" + id);
		}
		catch (IOException ex) {
			log.warn("customer media {} could not be fetched: {}", id, ex.getMessage());
			return Optional.empty();
		}
	}

	/** A stored media file by its reference id. */
	Optional<StoredMedia> get(String id) {
		return Optional.ofNullable(mongo.findById(id, StoredMedia.class));
	}

	static String contentType(byte[] b) {
		if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
			return "image/jpeg";
		}
		if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
			return "image/png";
		}
		if (b.length > 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
			return "image/gif";
		}
		return "application/octet-stream";
	}

	/** A customer's media file, kept in the store. */
	@Document(StoredMedia.COLLECTION)
	record StoredMedia(@Id String id, String type, String contentType, byte[] data, Instant at) {

		static final String COLLECTION = "customer_media";

	}

}
