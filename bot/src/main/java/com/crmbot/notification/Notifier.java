package com.crmbot.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.Department;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Pushes a message to configured users on their own platform, through the durable outbox:
 * WeCom when the user has a WeCom id and WeCom is enabled, else DingTalk, else the local
 * web chat. Pushes of the same message to several DingTalk users go out as
 * {@code oToMessages/batchSend} calls of up to {@value #DINGTALK_BATCH} users each;
 * department notices go to the department's group robots ({@code wecomRobot},
 * {@code dingtalkRobot} in {@code org.yaml}), whose connectors keep each robot under 20
 * messages a minute and merge queued notices into digests.
 */
@Service
public class Notifier {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	/** {@code oToMessages/batchSend} takes at most 20 user ids. */
	public static final int DINGTALK_BATCH = 20;

	private final Outbox outbox;

	private final ConfigService config;

	Notifier(Outbox outbox, ConfigService config) {
		this.outbox = outbox;
		this.config = config;
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

	/**
	 * Queue a push to several users ({@code replyFor} may word it per user, e.g. by
	 * locale). DingTalk users who get the same message are sent it together, up to
	 * {@value #DINGTALK_BATCH} per {@code batchSend} call (each batch one outbox entry);
	 * everyone else gets their own entry ({@code <key>:<userId>}). Idempotent by
	 * {@code key} for the same users in the same order. Returns how many outbox entries
	 * were newly queued.
	 */
	public int notifyAll(Collection<User> users, Function<User, Reply> replyFor, String key) {
		Map<Reply, List<String>> dingtalk = new LinkedHashMap<>();
		int queued = 0;
		Map<String, User> distinct = new LinkedHashMap<>();
		users.forEach((u) -> distinct.putIfAbsent(u.id(), u));
		for (User u : distinct.values()) {
			Recipient r = recipientFor(u);
			Reply reply = replyFor.apply(u);
			if (r.platform() == Platform.DINGTALK && r.kind() == Recipient.Kind.USER) {
				dingtalk.computeIfAbsent(reply, (k) -> new ArrayList<>()).add(r.id());
			}
			else if (outbox.enqueue(key + ":" + u.id(), r, reply)) {
				queued++;
			}
		}
		int group = 0;
		for (Map.Entry<Reply, List<String>> e : dingtalk.entrySet()) {
			List<String> ids = new ArrayList<>(new LinkedHashSet<>(e.getValue()));
			for (int i = 0, n = 0; i < ids.size(); i += DINGTALK_BATCH, n++) {
				List<String> batch = ids.subList(i, Math.min(i + DINGTALK_BATCH, ids.size()));
				if (outbox.enqueue(key + ":dingtalk:" + group + ":" + n,
						Recipient.user(Platform.DINGTALK, String.join(",", batch)), e.getKey())) {
					queued++;
				}
			}
			group++;
		}
		return queued;
	}

	/**
	 * Queue a team notice to a department's group robots (WeCom and/or DingTalk, as
	 * configured in {@code org.yaml} and enabled). Returns how many robots it was queued
	 * for (0 when the department has none).
	 */
	public int notifyDepartment(String departmentId, Reply reply, String key) {
		Optional<Department> d = (departmentId != null) ? config.get().department(departmentId) : Optional.empty();
		if (d.isEmpty()) {
			return 0;
		}
		int queued = 0;
		if (d.get().wecomRobot() != null && outbox.canSend(Platform.WECOM)
				&& outbox.enqueue(key + ":wecom", Recipient.robot(Platform.WECOM, d.get().wecomRobot()), reply)) {
			queued++;
		}
		if (d.get().dingtalkRobot() != null && outbox.canSend(Platform.DINGTALK) && outbox.enqueue(key + ":dingtalk",
				Recipient.robot(Platform.DINGTALK, d.get().dingtalkRobot()), reply)) {
			queued++;
		}
		if (queued > 0) {
			log.info("notice {} queued for the robots of department {}", key, departmentId);
		}
		return queued;
	}

	/** The department's supervisor's locale, for team notices (robots have no locale). */
	public String departmentLocale(String departmentId) {
		return config.get()
			.department(departmentId)
			.flatMap((d) -> (d.supervisor() != null) ? config.get().user(d.supervisor()) : Optional.empty())
			.map(User::localeOrDefault)
			.orElse("zh-CN");
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
