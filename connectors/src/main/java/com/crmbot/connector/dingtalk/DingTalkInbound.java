package com.crmbot.connector.dingtalk;

import java.util.ArrayList;
import java.util.List;

import com.dingtalk.open.app.api.models.bot.ChatbotMessage;
import com.dingtalk.open.app.api.models.bot.MessageContent;
import tools.jackson.databind.JsonNode;

/**
 * A robot message as DingTalk delivers it (HTTP callback body or Stream payload), reduced
 * to the fields crm-bot uses. Both receiving modes produce this, so one processor serves
 * both.
 *
 * @param msgId the message id (idempotency key)
 * @param msgtype text, picture, richText, audio, video, file, or anything else
 * @param conversationId the conversation (in groups: the openConversationId)
 * @param conversationType "1" one-to-one, "2" group
 * @param senderStaffId the sender's userid in the organisation (null for outsiders)
 * @param senderNick the sender's display name
 * @param sessionWebhook where replies can be posted for a while
 * @param sessionWebhookExpiredTime when the session webhook expires (epoch ms)
 * @param createAt when sent (epoch ms)
 * @param text text.content for text messages
 * @param downloadCode the media download code (picture, audio, video, file)
 * @param fileName file name for files
 * @param recognition speech recognition result for audio
 * @param richTextParts the text parts of a richText message
 * @param richTextCodes the download codes of pictures in a richText message
 * @param inAtList DingTalk's {@code isInAtList}: whether the robot was @-mentioned (null
 * when absent)
 * @param atUsers the ids ({@code dingtalkId} and {@code staffId}) of everyone @-mentioned
 * @param chatbotUserId the robot's own dingtalkId
 */
public record DingTalkInbound(String msgId, String msgtype, String conversationId, String conversationType,
		String senderStaffId, String senderNick, String sessionWebhook, Long sessionWebhookExpiredTime, Long createAt,
		String text, String downloadCode, String fileName, String recognition, List<String> richTextParts,
		List<String> richTextCodes, Boolean inAtList, List<String> atUsers, String chatbotUserId) {

	public DingTalkInbound {
		richTextParts = (richTextParts != null) ? List.copyOf(richTextParts) : List.of();
		richTextCodes = (richTextCodes != null) ? List.copyOf(richTextCodes) : List.of();
		atUsers = (atUsers != null) ? atUsers.stream().filter(java.util.Objects::nonNull).toList() : List.of();
	}

	public boolean group() {
		return "2".equals(conversationType);
	}

	/**
	 * Whether the robot was @-mentioned: {@code isInAtList}, or the robot's own id among
	 * {@code atUsers}. One-to-one chats are always addressed to the robot.
	 */
	public boolean addressesRobot() {
		if (!group()) {
			return true;
		}
		if (Boolean.TRUE.equals(inAtList)) {
			return true;
		}
		return chatbotUserId != null && atUsers.contains(chatbotUserId);
	}

	/** From an HTTP callback body. */
	public static DingTalkInbound fromJson(JsonNode n) {
		JsonNode content = n.path("content");
		List<String> parts = new ArrayList<>();
		List<String> codes = new ArrayList<>();
		JsonNode rich = content.path("richText");
		if (rich.isArray()) {
			for (JsonNode item : rich.values()) {
				String t = str(item, "text");
				if (t != null) {
					parts.add(t);
				}
				String c = first(str(item, "downloadCode"), str(item, "pictureDownloadCode"));
				if (c != null) {
					codes.add(c);
				}
			}
		}
		return new DingTalkInbound(str(n, "msgId"), str(n, "msgtype"), str(n, "conversationId"),
				str(n, "conversationType"), str(n, "senderStaffId"), str(n, "senderNick"), str(n, "sessionWebhook"),
				num(n, "sessionWebhookExpiredTime"), num(n, "createAt"), str(n.path("text"), "content"),
				first(str(content, "downloadCode"), str(content, "pictureDownloadCode")), str(content, "fileName"),
				str(content, "recognition"), parts, codes, bool(n, "isInAtList"), atIds(n.path("atUsers")),
				str(n, "chatbotUserId"));
	}

	private static List<String> atIds(JsonNode at) {
		List<String> ids = new ArrayList<>();
		if (at.isArray()) {
			for (JsonNode u : at.values()) {
				String d = str(u, "dingtalkId");
				String s = str(u, "staffId");
				if (d != null) {
					ids.add(d);
				}
				if (s != null) {
					ids.add(s);
				}
			}
		}
		return ids;
	}

	private static Boolean bool(JsonNode n, String field) {
		JsonNode v = n.get(field);
		if (v == null || v.isNull() || v.isMissingNode()) {
			return null;
		}
		return v.isBoolean() ? v.asBoolean() : Boolean.valueOf("true".equalsIgnoreCase(v.asString()));
	}

	/** From the Stream SDK's model. */
	public static DingTalkInbound fromStream(ChatbotMessage m) {
		MessageContent content = m.getContent();
		List<String> parts = new ArrayList<>();
		List<String> codes = new ArrayList<>();
		String downloadCode = null;
		String fileName = null;
		String recognition = null;
		if (content != null) {
			downloadCode = first(content.getDownloadCode(), content.getPictureDownloadCode());
			fileName = content.getFileName();
			recognition = content.getRecognition();
			if (content.getRichText() != null) {
				for (MessageContent item : content.getRichText()) {
					if (item.getText() != null) {
						parts.add(item.getText());
					}
					String c = first(item.getDownloadCode(), item.getPictureDownloadCode());
					if (c != null) {
						codes.add(c);
					}
				}
			}
		}
		return new DingTalkInbound(m.getMsgId(), m.getMsgtype(), m.getConversationId(), m.getConversationType(),
				m.getSenderStaffId(), m.getSenderNick(), m.getSessionWebhook(), m.getSessionWebhookExpiredTime(),
				m.getCreateAt(), (m.getText() != null) ? m.getText().getContent() : null, downloadCode, fileName,
				recognition, parts, codes, m.getInAtList(), streamAtIds(m), m.getChatbotUserId());
	}

	private static List<String> streamAtIds(ChatbotMessage m) {
		List<String> ids = new ArrayList<>();
		if (m.getAtUsers() != null) {
			for (var u : m.getAtUsers()) {
				if (u.getDingtalkId() != null) {
					ids.add(u.getDingtalkId());
				}
				if (u.getStaffId() != null) {
					ids.add(u.getStaffId());
				}
			}
		}
		return ids;
	}

	private static String str(JsonNode n, String field) {
		JsonNode v = n.get(field);
		if (v == null || v.isNull() || v.isMissingNode() || v.isContainer()) {
			return null;
		}
		return v.asString();
	}

	private static Long num(JsonNode n, String field) {
		JsonNode v = n.get(field);
		if (v == null || v.isNull()) {
			return null;
		}
		if (v.isNumber()) {
			return v.asLong();
		}
		try {
			return Long.parseLong(v.asString().trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String first(String a, String b) {
		return (a != null && !a.isBlank()) ? a : b;
	}

}
