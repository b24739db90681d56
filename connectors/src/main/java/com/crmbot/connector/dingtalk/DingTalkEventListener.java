package com.crmbot.connector.dingtalk;

import java.util.LinkedHashMap;
import java.util.Map;

import com.crmbot.connector.ChatEvent;
import com.dingtalk.open.app.api.GenericEventListener;
import com.dingtalk.open.app.api.message.GenericOpenDingTalkEvent;
import com.dingtalk.open.app.stream.protocol.event.EventAckStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream mode: DingTalk events (the app's event subscriptions). A native approval's
 * change ({@code bpms_instance_change}: processInstanceId, type start/finish/terminate,
 * result agree/refuse) becomes a {@link ChatEvent#APPROVAL_CHANGED} for the bot, once per
 * eventId. Every event also counts as Stream activity for the watchdog.
 */
public class DingTalkEventListener implements GenericEventListener {

	private static final Logger log = LoggerFactory.getLogger(DingTalkEventListener.class);

	private final DingTalkInboundProcessor processor;

	private final DingTalkStreamListener activity;

	public DingTalkEventListener(DingTalkInboundProcessor processor, DingTalkStreamListener activity) {
		this.processor = processor;
		this.activity = activity;
	}

	@Override
	public EventAckStatus onEvent(GenericOpenDingTalkEvent event) {
		if (activity != null) {
			activity.touch();
		}
		try {
			if (event != null && "bpms_instance_change".equals(event.getEventType()) && event.getData() != null) {
				Map<String, String> attrs = new LinkedHashMap<>();
				for (String k : new String[] { "processInstanceId", "type", "result", "staffId", "processCode" }) {
					Object v = event.getData().get(k);
					if (v != null) {
						attrs.put(k, v.toString());
					}
				}
				if (attrs.containsKey("processInstanceId")) {
					processor.processEvent(event.getEventId(), ChatEvent.APPROVAL_CHANGED, attrs.get("staffId"), attrs);
				}
			}
			return EventAckStatus.SUCCESS;
		}
		catch (RuntimeException ex) {
			log.warn("dingtalk event {} failed, DingTalk will re-deliver: {}",
					(event != null) ? event.getEventId() : "?", ex.toString());
			return EventAckStatus.LATER;
		}
	}

}
