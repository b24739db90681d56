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

	private static final java.util.regex.Pattern WEBHOOK_KEY = java.util.regex.Pattern.compile("[?&]key=([^&#\\s]+)");

	/** The robot's own @-mention leading a group message. */
	private static final java.util.regex.Pattern ROBOT_MENTION = java.util.regex.Pattern.compile("^\\s*@\\S+(\\s+|$)");

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

	/**
	 * The sender: {@code FromUserName} of an app callback, {@code From/UserId} of a group
	 * robot's message callback.
	 */
	String from() {
		String f = get("FromUserName");
		return (f != null && !f.isBlank()) ? f : get("From.UserId");
	}

	/**
	 * A message said in a group chat: a group robot's message callback carries
	 * {@code ChatType} {@code group} and the group's {@code ChatId} (an app callback
	 * never does: a self-built app is not a member of group chats).
	 */
	boolean isGroup() {
		String type = get("ChatType");
		String chat = get("ChatId");
		return type != null && "group".equals(type.trim()) && chat != null && !chat.isBlank() && !isEvent();
	}

	/**
	 * A group robot's message callback (it names the robot's {@code WebhookUrl} and the
	 * chat type), as opposed to an app's callback.
	 */
	boolean isRobotCallback() {
		String url = get("WebhookUrl");
		String type = get("ChatType");
		return url != null && !url.isBlank() && type != null && !type.isBlank() && !isEvent();
	}

	/**
	 * The {@code key} of the robot webhook a group robot's callback names
	 * ({@code WebhookUrl}), or null.
	 */
	String webhookKey() {
		String url = get("WebhookUrl");
		if (url == null) {
			return null;
		}
		java.util.regex.Matcher m = WEBHOOK_KEY.matcher(url);
		return m.find() ? m.group(1) : null;
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
		boolean group = isGroup();
		if (group) {
			put(extras, "chatId", get("ChatId").trim());
		}
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
		if (group && text != null) {
			// a group message reaches the robot only when it is @-mentioned: "@crm-bot
			// /find x"
			text = ROBOT_MENTION.matcher(text).replaceFirst("").trim();
		}
		String conversation = group ? get("ChatId").trim() : from;
		return new ChatMessage(msgId().trim(), Platform.WECOM, conversation, from, text, createdAt(now), type, group,
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
