package com.crmbot.connector.wecom;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.MediaDownloader;
import com.crmbot.connector.MessageType;
import com.crmbot.connector.Platform;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;

/**
 * Downloads a file, image, voice or video a rep sent to the app or a customer sent to
 * 微信客服 ({@code media/get} with the message's MediaId), with WxJava's cached access token;
 * a JSON answer is WeCom's error, and an expired token is refreshed once.
 */
class WecomMediaDownloader implements MediaDownloader {

	private final WxCpService wx;

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	WecomMediaDownloader(WxCpService wx, WecomProperties props) {
		this.wx = wx;
		this.baseUrl = props.apiBaseUrl().replaceAll("/+$", "");
	}

	@Override
	public Platform platform() {
		return Platform.WECOM;
	}

	@Override
	public Optional<byte[]> download(ChatMessage message, long maxBytes) throws IOException {
		String mediaId = message.attachment();
		boolean media = message.type() == MessageType.FILE || message.type() == MessageType.IMAGE
				|| message.type() == MessageType.VOICE || message.type() == MessageType.VIDEO;
		if (!media || mediaId == null || mediaId.isBlank() || mediaId.startsWith("http")) {
			return Optional.empty();
		}
		for (int attempt = 0; attempt < 2; attempt++) {
			String token;
			try {
				token = wx.getAccessToken(attempt > 0);
			}
			catch (WxErrorException ex) {
				throw new IOException("gettoken failed: " + ex.getError().getErrorCode(), ex);
			}
			URI uri = URI
				.create(baseUrl + "/cgi-bin/media/get?access_token=" + enc(token) + "&media_id=" + enc(mediaId));
			try {
				HttpResponse<InputStream> r = http.send(
						HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
						HttpResponse.BodyHandlers.ofInputStream());
				try (InputStream in = r.body()) {
					if (r.statusCode() != 200) {
						throw new IOException("media/get answered HTTP " + r.statusCode());
					}
					String type = r.headers().firstValue("Content-Type").orElse("");
					byte[] data = MediaDownloader.readBounded(in, maxBytes);
					if (type.contains("json") || type.startsWith("text/plain")) {
						String error = new String(data, StandardCharsets.UTF_8);
						if (attempt == 0
								&& (error.contains("40014") || error.contains("42001") || error.contains("40001"))) {
							continue;
						}
						throw new IOException("media/get refused: " + error);
					}
					return Optional.of(data);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted", ex);
			}
		}
		throw new IOException("media/get: access token refused twice");
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
