package com.crmbot.connector.dingtalk;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import com.dingtalk.open.app.api.callback.OpenDingTalkCallbackListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stream mode: button taps on DingTalk interactive cards (topic
 * {@code /v1.0/card/instances/callback}). DingTalk tells who tapped ({@code userId}, the
 * staffId) over the app's authenticated Stream connection; the button's
 * {@code cardPrivateData.params} carry the crm-bot button {@code key} and/or
 * {@code command}, which the bot runs as that user with that user's permissions (an
 * approve button works only for the approver). Each tap is handled once.
 */
public class DingTalkCardCallbackListener
		implements OpenDingTalkCallbackListener<DingTalkCardCallbackListener.CardCallback, Void> {

	private static final long serialVersionUID = 1L;

	private static final Logger log = LoggerFactory.getLogger(DingTalkCardCallbackListener.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final transient DingTalkInboundProcessor processor;

	private final transient Executor executor;

	private final transient DingTalkStreamListener activity;

	public DingTalkCardCallbackListener(DingTalkInboundProcessor processor, Executor executor,
			DingTalkStreamListener activity) {
		this.processor = processor;
		this.executor = executor;
		this.activity = activity;
	}

	@Override
	public Void execute(CardCallback cb) {
		if (activity != null) {
			activity.touch();
		}
		if (cb == null || cb.getUserId() == null || cb.getValue() == null) {
			return null;
		}
		String key = null;
		String command = null;
		try {
			JsonNode params = JSON.readTree(cb.getValue()).path("cardPrivateData").path("params");
			key = params.path("key").asString(null);
			command = params.path("command").asString(null);
			if (key == null) {
				JsonNode ids = JSON.readTree(cb.getValue()).path("cardPrivateData").path("actionIds");
				key = (ids.isArray() && !ids.isEmpty()) ? ids.get(0).asString() : null;
			}
		}
		catch (RuntimeException ex) {
			log.warn("dingtalk card: unreadable callback value ignored");
			return null;
		}
		if (key == null && command == null) {
			return null;
		}
		String k = key;
		String c = command;
		Runnable work = () -> processor.processCardAction(cb.getOutTrackId(), cb.getUserId(), k, c);
		try {
			executor.execute(work);
		}
		catch (RejectedExecutionException ex) {
			work.run();
		}
		return null;
	}

	/** The card callback's fields crm-bot uses (the SDK fills it from the payload). */
	public static class CardCallback {

		private String outTrackId;

		private String userId;

		private String corpId;

		private String value;

		private String type;

		public String getOutTrackId() {
			return outTrackId;
		}

		public void setOutTrackId(String outTrackId) {
			this.outTrackId = outTrackId;
		}

		public String getUserId() {
			return userId;
		}

		public void setUserId(String userId) {
			this.userId = userId;
		}

		public String getCorpId() {
			return corpId;
		}

		public void setCorpId(String corpId) {
			this.corpId = corpId;
		}

		public String getValue() {
			return value;
		}

		public void setValue(String value) {
			this.value = value;
		}

		public String getType() {
			return type;
		}

		public void setType(String type) {
			this.type = type;
		}

	}

}
