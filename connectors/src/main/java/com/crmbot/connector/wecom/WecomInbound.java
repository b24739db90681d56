package com.crmbot.connector.wecom;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.MessageType;
import com.crmbot.connector.Platform;

/**
 * One decrypted, parsed callback (the inner XML only: the outer envelope's ToUserName and
 * AgentID are not authenticated and never used). Knows its durable dedupe key and how it
 * maps to neutral {@link ChatMessage}s and {@link ChatEvent}s.
 */
record WecomInbound(Map<String, String> fields) {

	/** Event fields that, with the event name, identify one event (WECOM.md §2). */
	private static final String[] EVENT_IDENTITY = { "Event", "ChangeType", "FromUserName", "CreateTime", "UserID",
			"ExternalUserID", "ChatId", "ApprovalInfo.SpNo", "ApprovalInfo.SpStatus", "TaskId", "EventKey",
			"ResponseCode", "OpenKfId", "Token", "AgentID" };

	String get(String name) {
		return fields.get(name);
	}

	String msgType() {
		String t = get("MsgType");
		return (t != null) ? t.trim() : "";
	}

	boolean isEvent() {
		return "event".equals(msgType());
	}

	String event() {
		String e = get("Event");
		return (e != null) ? e.trim() : "";
	}

	String from() {
		return get("FromUserName");
	}

	String msgId() {
		return get("MsgId");
	}

	Instant createdAt(Instant fallback) {
		try {
			return Instant.ofEpochSecond(Long.parseLong(get("CreateTime").trim()));
		}
		catch (RuntimeException ex) {
			return fallback;
		}
	}

	/**
	 * The durable dedupe key: MsgId for messages; for events the event's own identity
	 * (FromUserName + CreateTime alone collide for {@code sys} events in the same
	 * second).
	 */
	String dedupeKey() {
		if (!isEvent() && msgId() != null && !msgId().isBlank()) {
			return "wecom:msg:" + msgId().trim();
		}
		StringJoiner j = new StringJoiner("|");
		for (String f : EVENT_IDENTITY) {
			String v = get(f);
			j.add((v != null) ? v.trim() : "");
		}
		return "wecom:evt:" + j;
	}

	/** The rep a reply or event belongs to. */
	String userId() {
		String u = get("UserID");
		if (u != null && !u.isBlank()) {
			return u;
		}
		return from();
	}

	/** Maps a user message, or null when the MsgType is not one we know. */
	ChatMessage toChatMessage(Instant now) {
		String from = from();
		if (from == null || from.isBlank() || msgId() == null || msgId().isBlank()) {
			return null;
		}
		Map<String, String> extras = new LinkedHashMap<>();
		put(extras, "agentId", get("AgentID"));
		MessageType type;
		String text;
		String attachment;
		switch (msgType()) {
			case "text" -> {
				type = MessageType.TEXT;
				text = get("Content");
				attachment = null;
			}
			case "image" -> {
				type = MessageType.IMAGE;
				text = "[图片]";
				attachment = firstNonBlank(get("MediaId"), get("PicUrl"));
				put(extras, "picUrl", get("PicUrl"));
			}
			case "voice" -> {
				type = MessageType.VOICE;
				text = firstNonBlank(get("Recognition"), "[语音]");
				attachment = get("MediaId");
				put(extras, "format", get("Format"));
			}
			case "video" -> {
				type = MessageType.VIDEO;
				text = "[视频]";
				attachment = get("MediaId");
			}
			case "file" -> {
				type = MessageType.FILE;
				text = firstNonBlank(get("FileName"), get("Title"), "[文件]");
				attachment = firstNonBlank(get("MediaId"), get("FileName"));
			}
			case "location" -> {
				type = MessageType.LOCATION;
				String label = firstNonBlank(get("Label"), "");
				text = firstNonBlank(label, "[位置]");
				attachment = get("Location_X") + "," + get("Location_Y") + (label.isEmpty() ? "" : " " + label);
			}
			case "link" -> {
				type = MessageType.LINK;
				text = firstNonBlank(get("Title"), get("Description"), "[链接]");
				attachment = get("Url");
				put(extras, "description", get("Description"));
			}
			default -> {
				return null;
			}
		}
		return new ChatMessage(msgId().trim(), Platform.WECOM, from, from, text, createdAt(now), type, false,
				attachment, extras);
	}

	static void put(Map<String, String> m, String k, String v) {
		if (v != null && !v.isBlank()) {
			m.put(k, v);
		}
	}

	static String firstNonBlank(String... values) {
		for (String v : values) {
			if (v != null && !v.isBlank()) {
				return v;
			}
		}
		return null;
	}

	ChatEvent toEvent(String type, String userId, Map<String, String> attributes, Instant now) {
		Map<String, String> clean = new LinkedHashMap<>();
		attributes.forEach((k, v) -> put(clean, k, v));
		return new ChatEvent(dedupeKey(), Platform.WECOM, type, userId, createdAt(now), clean);
	}

}
