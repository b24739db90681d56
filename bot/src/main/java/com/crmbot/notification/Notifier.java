package com.crmbot.notification;

import java.util.ArrayList;
import java.util.List;

import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.outbox.Outbox;

import org.springframework.stereotype.Service;

/**
 * Pushes a message to a configured user on their own platform, through the durable
 * outbox: WeCom when the user has a WeCom id and WeCom is enabled, else DingTalk, else
 * the local web chat.
 */
@Service
public class Notifier {

	private final Outbox outbox;

	Notifier(Outbox outbox) {
		this.outbox = outbox;
	}

	/** Where a push to this user goes. */
	public Recipient recipientFor(User user) {
		for (Recipient r : candidates(user)) {
			if (outbox.canSend(r.platform())) {
				return r;
			}
		}
		return Recipient.user(Platform.LOCAL, user.id());
	}

	/**
	 * Queue a push; {@code key} makes it idempotent (the same key is sent once however
	 * often this is called). Returns false when it was already queued.
	 */
	public boolean notify(User user, Reply reply, String key) {
		return outbox.enqueue(key, recipientFor(user), reply);
	}

	private static List<Recipient> candidates(User user) {
		List<Recipient> out = new ArrayList<>();
		if (user.wecomUserId() != null) {
			out.add(Recipient.user(Platform.WECOM, user.wecomUserId()));
		}
		if (user.dingtalkStaffId() != null) {
			out.add(Recipient.user(Platform.DINGTALK, user.dingtalkStaffId()));
		}
		return out;
	}

}
