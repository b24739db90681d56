package com.crmbot.connector;

import java.util.Optional;

/**
 * Fetches the content of a media message (a file a user sent) from its platform, for
 * features that need the bytes (e.g. lead import). Implemented by each platform connector
 * that can download media.
 */
public interface MediaDownloader {

	Platform platform();

	/**
	 * Download the message's file. Empty when the message carries no downloadable media.
	 * @throws MediaTooLargeException when the file is larger than {@code maxBytes}
	 * @throws java.io.IOException when the platform could not be reached or refused
	 */
	Optional<byte[]> download(ChatMessage message, long maxBytes) throws java.io.IOException;

	/** The file is larger than the caller accepts. */
	class MediaTooLargeException extends java.io.IOException {

		public MediaTooLargeException(long maxBytes) {
			super("file larger than " + maxBytes + " bytes");
		}

	}

	/** Read at most {@code maxBytes} from a stream. */
	static byte[] readBounded(java.io.InputStream in, long maxBytes) throws java.io.IOException {
		byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
		if (data.length > maxBytes) {
			throw new MediaTooLargeException(maxBytes);
		}
		return data;
	}

}
