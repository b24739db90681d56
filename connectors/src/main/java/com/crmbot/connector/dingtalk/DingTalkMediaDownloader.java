package com.crmbot.connector.dingtalk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.MediaDownloader;
import com.crmbot.connector.Platform;

/**
 * Downloads a file a user sent to the robot: the message's downloadCode is exchanged for
 * a short-lived URL ({@code robot/messageFiles/download}), which is then fetched.
 */
class DingTalkMediaDownloader implements MediaDownloader {

	private final DingTalkApi api;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	DingTalkMediaDownloader(DingTalkApi api) {
		this.api = api;
	}

	@Override
	public Platform platform() {
		return Platform.DINGTALK;
	}

	@Override
	public Optional<byte[]> download(ChatMessage message, long maxBytes) throws IOException {
		String code = message.attachment();
		if (code == null || code.isBlank()) {
			return Optional.empty();
		}
		String url;
		try {
			url = api.messageFileDownloadUrl(code);
		}
		catch (Exception ex) {
			throw new IOException("messageFiles/download failed: " + ex.getMessage(), ex);
		}
		if (url == null || url.isBlank()) {
			return Optional.empty();
		}
		try {
			HttpResponse<InputStream> r = http.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream in = r.body()) {
				if (r.statusCode() != 200) {
					throw new IOException("file download answered HTTP " + r.statusCode());
				}
				return Optional.of(MediaDownloader.readBounded(in, maxBytes));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

}
