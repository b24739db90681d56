package com.crmbot.connector.dingtalk;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.outbox.Outbox;

/**
 * Pushes to many DingTalk users at once. {@code oToMessages/batchSend} takes at most 20
 * user ids, so the list is cut into batches of 20 and each batch is one outbox entry (key
 * {@code <key>:<n>}) whose recipient id is the comma-joined staff ids: each batch is
 * durable, retried and sent once on its own.
 */
public class DingTalkPusher {

	public static final int BATCH = 20;

	private final Outbox outbox;

	public DingTalkPusher(Outbox outbox) {
		this.outbox = outbox;
	}

	/**
	 * Queue a push to the given users (duplicates removed). Returns how many batches were
	 * newly queued (re-queuing the same key queues nothing).
	 */
	public int pushToUsers(String key, List<String> staffIds, Reply reply) {
		List<String> ids = new ArrayList<>(new LinkedHashSet<>(staffIds));
		int queued = 0;
		for (int i = 0, n = 0; i < ids.size(); i += BATCH, n++) {
			List<String> batch = ids.subList(i, Math.min(i + BATCH, ids.size()));
			if (outbox.enqueue(key + ":" + n, Recipient.user(Platform.DINGTALK, String.join(",", batch)), reply)) {
				queued++;
			}
		}
		return queued;
	}

	/** Queue a push to a group the robot is in, by its openConversationId. */
	public boolean pushToGroup(String key, String openConversationId, Reply reply) {
		return outbox.enqueue(key, Recipient.conversation(Platform.DINGTALK, openConversationId), reply);
	}

	/** Queue a notice to a configured custom group robot. */
	public boolean pushToRobot(String key, String robotName, Reply reply) {
		return outbox.enqueue(key, Recipient.robot(Platform.DINGTALK, robotName), reply);
	}

}
