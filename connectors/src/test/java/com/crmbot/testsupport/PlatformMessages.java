package com.crmbot.testsupport;

/**
 * Realistic inbound payloads as WeCom and DingTalk send them, for tests in any module.
 */
public final class PlatformMessages {

	private PlatformMessages() {
	}

	/**
	 * A DingTalk robot callback body carrying a text message in the group
	 * {@code cidGroup123==}.
	 * @param conversationType {@code 1} one-to-one, {@code 2} group
	 * @param sessionWebhook where the reply goes (point it at a {@link PlatformStub})
	 */
	public static String dingtalkText(String msgId, String conversationType, String staffId, String content,
			String sessionWebhook, String robotCode, long createAt, long webhookExpiresAt) {
		return """
				{"conversationId":"cidGroup123==","atUsers":[{"dingtalkId":"$:LWCP_v1:$bot"}],
				 "chatbotCorpId":"dingcorp","chatbotUserId":"$:LWCP_v1:$bot","msgId":"%s","senderNick":"张三",
				 "isAdmin":false,"senderStaffId":"%s","sessionWebhookExpiredTime":%d,"createAt":%d,
				 "senderCorpId":"dingcorp","conversationType":"%s","senderId":"$:LWCP_v1:$sender",
				 "conversationTitle":"销售群","isInAtList":true,
				 "sessionWebhook":"%s",
				 "robotCode":"%s","msgtype":"text","text":{"content":"%s"}}
				""".formatted(msgId, staffId, webhookExpiresAt, createAt, conversationType, sessionWebhook, robotCode,
				content);
	}

	/** One text message in a WeCom 微信客服 sync_msg page. */
	public static String wecomKfText(String msgId, String kf, String ext, String text, int origin) {
		return "{\"msgid\":\"" + msgId + "\",\"open_kfid\":\"" + kf + "\",\"external_userid\":\"" + ext
				+ "\",\"send_time\":1700000000,\"origin\":" + origin + ",\"msgtype\":\"text\",\"text\":{\"content\":\""
				+ text + "\"}}";
	}

	/** The WeCom callback event telling that 微信客服 messages wait (inner XML). */
	public static String wecomKfEvent(String corpId, String kf, String token, String createTime) {
		return "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><CreateTime>" + createTime
				+ "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA["
				+ token + "]]></Token><OpenKfId><![CDATA[" + kf + "]]></OpenKfId></xml>";
	}

}
