package com.crmbot.connector.dingtalk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.MessageType;
import com.crmbot.connector.Platform;

/** Turns a DingTalk robot message into the transport-neutral {@link ChatMessage}. */
final class DingTalkMapper {

	/** A leading "@name" (the robot's mention, when DingTalk leaves it in the text). */
	private static final Pattern LEADING_MENTION = Pattern.compile("^\\s*@\\S+(\\s+|$)");

	private DingTalkMapper() {
	}

	static ChatMessage toChatMessage(DingTalkInbound in, Instant now) {
		Instant at = (in.createAt() != null) ? Instant.ofEpochMilli(in.createAt()) : now;
		Map<String, String> extras = new LinkedHashMap<>();
		put(extras, "sessionWebhook", in.sessionWebhook());
		if (in.sessionWebhookExpiredTime() != null) {
			extras.put("sessionWebhookExpiredTime", in.sessionWebhookExpiredTime().toString());
		}
		put(extras, "senderNick", in.senderNick());
		put(extras, "conversationId", in.conversationId());
		if (in.group()) {
			put(extras, "openConversationId", in.conversationId());
		}
		put(extras, "msgtype", in.msgtype());
		String type = (in.msgtype() != null) ? in.msgtype() : "";
		MessageType kind;
		String text;
		String attachment = null;
		switch (type) {
			case "text" -> {
				kind = MessageType.TEXT;
				text = stripMention(in.text());
			}
			case "picture" -> {
				kind = MessageType.IMAGE;
				text = "[图片]";
				attachment = in.downloadCode();
			}
			case "file" -> {
				kind = MessageType.FILE;
				text = "[文件] " + ((in.fileName() != null) ? in.fileName() : "");
				attachment = in.downloadCode();
				put(extras, "fileName", in.fileName());
			}
			case "audio" -> {
				if (in.recognition() != null && !in.recognition().isBlank()) {
					// read as text: the recognition goes through commands and inquiries
					// like typed text; the audio itself stays reachable
					kind = MessageType.TEXT;
					text = stripMention(in.recognition());
					put(extras, "voiceDownloadCode", in.downloadCode());
				}
				else {
					kind = MessageType.VOICE;
					text = "[语音]";
					attachment = in.downloadCode();
				}
			}
			case "video" -> {
				kind = MessageType.VIDEO;
				text = "[视频]";
				attachment = in.downloadCode();
			}
			case "richText" -> {
				text = stripMention(String.join("", in.richTextParts()));
				if (in.richTextCodes().isEmpty()) {
					// only text: read exactly like a text message
					kind = MessageType.TEXT;
				}
				else {
					// pictures with text: media, the text may name the customer
					kind = MessageType.RICH_TEXT;
					attachment = String.join(",", in.richTextCodes());
				}
			}
			default -> {
				kind = MessageType.UNKNOWN;
				text = "[不支持的消息类型: " + type + "]";
			}
		}
		return new ChatMessage(in.msgId(), Platform.DINGTALK, in.conversationId(), in.senderStaffId(), text.trim(), at,
				kind, in.group(), attachment, extras);
	}

	static String stripMention(String text) {
		if (text == null) {
			return "";
		}
		return LEADING_MENTION.matcher(text).replaceFirst("").trim();
	}

	private static void put(Map<String, String> m, String k, String v) {
		if (v != null) {
			m.put(k, v);
		}
	}

}
