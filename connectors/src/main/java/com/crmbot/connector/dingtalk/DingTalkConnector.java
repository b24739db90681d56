package com.crmbot.connector.dingtalk;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.aliyun.tea.TeaException;
import com.crmbot.connector.Connector;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.ReplyText;
import com.crmbot.connector.SendRateLimiter;
import com.crmbot.connector.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers outbound messages to DingTalk. Called by the outbox only.
 * <ul>
 * <li>{@link Recipient.Kind#CONVERSATION} with a reply key
 * ({@code dingtalk:reply:<msgId>:<n>}): the session webhook of that message while it is
 * valid (the sender is @-mentioned in groups), afterwards the robot OpenAPI
 * ({@code groupMessages/send} for groups, {@code oToMessages/batchSend} to the sender for
 * one-to-one chats).</li>
 * <li>{@link Recipient.Kind#CONVERSATION} otherwise (a push to a group):
 * {@code groupMessages/send} by openConversationId.</li>
 * <li>{@link Recipient.Kind#USER}: {@code oToMessages/batchSend}; the id may be a
 * comma-separated list of at most 20 staff ids (see {@link DingTalkPusher}).</li>
 * <li>{@link Recipient.Kind#GROUP_ROBOT}: the configured custom robot's signed webhook,
 * at most {@code robot-limit-per-minute} a minute; queued notices are merged into one
 * markdown digest ({@link #maxBatch}) and wait (DEFERRED) rather than being dropped.</li>
 * </ul>
 */
public class DingTalkConnector implements Connector {

	private static final Logger log = LoggerFactory.getLogger(DingTalkConnector.class);

	static final String REPLY_KEY_PREFIX = "dingtalk:reply:";

	static final int ROBOT_DIGEST_MAX = 10;

	/** DingTalk's robot ActionCards carry at most five buttons. */
	static final int CARD_BUTTONS = 5;

	/**
	 * DingTalk's markdown joins single newlines: a line ends with a markdown hard break
	 * (two spaces), so fields and list items stay on their own lines.
	 */
	static final String MD_BREAK = "  \n";

	/** Treat a session webhook as expired this long before DingTalk says it is. */
	private static final Duration WEBHOOK_MARGIN = Duration.ofSeconds(30);

	/** DingTalk throttles a custom robot for 10 minutes after too many messages. */
	private static final Duration ROBOT_THROTTLED = Duration.ofMinutes(10);

	/** When users DingTalk flow-controlled are tried again. */
	static final Duration FLOW_CONTROL_WAIT = Duration.ofMinutes(1);

	private final DingTalkProperties props;

	private final DingTalkApi api;

	private final DingTalkSessionStore sessions;

	private final Clock clock;

	private final SendRateLimiter limiter;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	public DingTalkConnector(DingTalkProperties props, DingTalkApi api, DingTalkSessionStore sessions, Clock clock) {
		this.props = props;
		this.api = api;
		this.sessions = sessions;
		this.clock = clock;
		this.limiter = new SendRateLimiter(clock);
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	@Override
	public Platform platform() {
		return Platform.DINGTALK;
	}

	@Override
	public boolean enabled() {
		return props.enabled();
	}

	/**
	 * Group robots merge up to {@value #ROBOT_DIGEST_MAX} queued notices into one
	 * markdown digest (kept small enough for DingTalk's message size limit); everything
	 * else is sent one by one.
	 */
	@Override
	public int maxBatch(Recipient to) {
		return (to.kind() == Recipient.Kind.GROUP_ROBOT) ? ROBOT_DIGEST_MAX : 1;
	}

	@Override
	public SendResult send(Recipient to, Reply reply, String idempotencyKey) {
		SendResult r = switch (to.kind()) {
			case USER -> sendToUsers(
					Arrays.stream(to.id().split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList(), reply);
			case CONVERSATION -> sendToConversation(to.id(), reply, idempotencyKey);
			case GROUP_ROBOT -> sendToRobot(to.id(), reply);
		};
		log.info("dingtalk: push {} to {}: {}{}", idempotencyKey, to.key(), r.status(),
				(r.reason() != null) ? " (" + r.reason() + ")" : "");
		return r;
	}

	// ---- conversations -------------------------------------------------------------

	private SendResult sendToConversation(String conversationId, Reply reply, String key) {
		Optional<DingTalkSessionStore.Session> session = Optional.empty();
		if (key != null && key.startsWith(REPLY_KEY_PREFIX)) {
			String rest = key.substring(REPLY_KEY_PREFIX.length());
			int colon = rest.lastIndexOf(':');
			String msgId = (colon > 0) ? rest.substring(0, colon) : rest;
			session = sessions.forMessage(msgId).or(() -> sessions.forConversation(conversationId));
		}
		if (reply.imageRef() != null) {
			// session webhooks carry no images: the chart goes through the OpenAPI (to
			// the
			// sender in a 1:1 chat, to the group otherwise), the text as usual
			Optional<DingTalkSessionStore.Session> s = session;
			SendResult image = openApiResult(() -> {
				String param = imageParam(reply);
				if (s.isPresent() && !s.get().group() && s.get().senderStaffId() != null) {
					List<String> to = List.of(s.get().senderStaffId());
					var body = bodyOf(api.batchSendOTO(to, "sampleImageMsg", param));
					return judgeBatchSend(to, (body != null) ? body.getProcessQueryKey() : null,
							(body != null) ? body.getInvalidStaffIdList() : null,
							(body != null) ? body.getFlowControlledStaffIdList() : null);
				}
				String pqk = api.orgGroupSend(conversationId, "sampleImageMsg", param);
				return (pqk != null && !pqk.isBlank()) ? SendResult.sent() : SendResult
					.retry("groupMessages/send: no processQueryKey in DingTalk's answer, not confirmed");
			});
			if (image.status() != SendResult.Status.SENT || reply.text().isBlank()) {
				return image;
			}
			return sendToConversation(conversationId, withoutImage(reply), key);
		}
		if (session.isPresent()) {
			DingTalkSessionStore.Session s = session.get();
			if (s.sessionWebhook() != null && s.expiresAt() != null
					&& clock.instant().isBefore(s.expiresAt().minus(WEBHOOK_MARGIN))) {
				SendResult viaWebhook = postSessionWebhook(s.sessionWebhook(), reply,
						s.group() ? s.senderStaffId() : null, s.group());
				if (viaWebhook != null) {
					return viaWebhook;
				}
				// the webhook refused for good (e.g. expired early): fall through to the
				// OpenAPI
			}
			if (!s.group() && s.senderStaffId() != null) {
				return sendToUsers(List.of(s.senderStaffId()), reply);
			}
		}
		return openApiResult(() -> {
			Msg m = openApiMessage(reply);
			String pqk = api.orgGroupSend(conversationId, m.key(), m.param());
			return (pqk != null && !pqk.isBlank()) ? SendResult.sent()
					: SendResult.retry("groupMessages/send: no processQueryKey in DingTalk's answer, not confirmed");
		});
	}

	/**
	 * Post to a session webhook. Returns the result, or null when the webhook refused
	 * permanently and the caller should use the OpenAPI instead.
	 */
	SendResult postSessionWebhook(String webhook, Reply reply, String mentionStaffId) {
		return postSessionWebhook(webhook, reply, mentionStaffId, mentionStaffId != null);
	}

	SendResult postSessionWebhook(String webhook, Reply reply, String mentionStaffId, boolean group) {
		Map<String, Object> body = webhookMessage(reply, mentionStaffId, group);
		WebhookAnswer a = post(webhook, body);
		if (a.ok()) {
			return SendResult.sent();
		}
		if (a.transientFailure()) {
			return SendResult.retry("session webhook: " + a.describe());
		}
		log.info("dingtalk: session webhook refused ({}), using the OpenAPI", a.describe());
		return null;
	}

	// ---- users ---------------------------------------------------------------------

	private SendResult sendToUsers(List<String> staffIds, Reply reply) {
		if (staffIds.isEmpty()) {
			return SendResult.failed("no user ids");
		}
		if (staffIds.size() > 20) {
			return SendResult.failed("batchSend takes at most 20 user ids, got " + staffIds.size());
		}
		if (reply.imageRef() != null) {
			SendResult image = openApiResult(() -> {
				var body = bodyOf(api.batchSendOTO(staffIds, "sampleImageMsg", imageParam(reply)));
				return judgeBatchSend(staffIds, (body != null) ? body.getProcessQueryKey() : null,
						(body != null) ? body.getInvalidStaffIdList() : null,
						(body != null) ? body.getFlowControlledStaffIdList() : null);
			});
			if (image.status() != SendResult.Status.SENT || reply.text().isBlank()) {
				return image;
			}
			return sendToUsers(staffIds, withoutImage(reply));
		}
		return openApiResult(() -> {
			Msg m = openApiMessage(reply, false);
			var resp = api.batchSendOTO(staffIds, m.key(), m.param());
			var body = (resp != null) ? resp.getBody() : null;
			return judgeBatchSend(staffIds, (body != null) ? body.getProcessQueryKey() : null,
					(body != null) ? body.getInvalidStaffIdList() : null,
					(body != null) ? body.getFlowControlledStaffIdList() : null);
		});
	}

	/**
	 * A batchSend counts as sent only when DingTalk confirms it with a
	 * {@code processQueryKey}. Users DingTalk calls invalid never get it (recorded, not
	 * retried); flow-controlled users are retried on their own a minute later, without
	 * sending again to those who got it.
	 */
	static SendResult judgeBatchSend(List<String> staffIds, String processQueryKey, List<String> invalid,
			List<String> flowControlled) {
		List<String> bad = (invalid != null) ? invalid : List.of();
		List<String> slow = (flowControlled != null) ? flowControlled : List.of();
		List<String> delivered = staffIds.stream().filter((id) -> !bad.contains(id) && !slow.contains(id)).toList();
		String badNote = bad.isEmpty() ? "" : "invalid staff ids " + bad;
		if (!delivered.isEmpty() && (processQueryKey == null || processQueryKey.isBlank())) {
			return SendResult.retry("batchSend: no processQueryKey in DingTalk's answer, not confirmed");
		}
		if (!slow.isEmpty()) {
			if (!bad.isEmpty()) {
				log.warn("dingtalk: batchSend: {}", badNote);
			}
			return SendResult.retryOnly(String.join(",", slow),
					"batchSend: flow-controlled staff ids " + slow + (bad.isEmpty() ? "" : "; " + badNote),
					FLOW_CONTROL_WAIT);
		}
		if (delivered.isEmpty()) {
			return SendResult.failed("batchSend: " + badNote);
		}
		if (!bad.isEmpty()) {
			log.warn("dingtalk: batchSend: {}", badNote);
			return SendResult.sent("batchSend: not delivered to " + badNote);
		}
		return SendResult.sent();
	}

	// ---- custom group robots -------------------------------------------------------

	private SendResult sendToRobot(String name, Reply reply) {
		DingTalkProperties.GroupRobot robot = props.robots().get(name);
		if (robot == null) {
			return SendResult.failed("no DingTalk group robot named '" + name + "' is configured");
		}
		Instant now = clock.instant();
		Duration wait = limiter.acquire("robot:" + name, props.robotLimitPerMinute());
		if (wait != null) {
			return SendResult.deferred("group robot " + name + " at " + props.robotLimitPerMinute() + "/min", wait);
		}
		long ts = now.toEpochMilli();
		String base = (robot.webhook() != null && !robot.webhook().isBlank()) ? robot.webhook() : props.oapiBaseUrl()
				+ "/robot/send?access_token=" + URLEncoder.encode(robot.accessToken(), StandardCharsets.UTF_8);
		String url = base + (base.contains("?") ? "&" : "?") + "timestamp=" + ts + "&sign="
				+ URLEncoder.encode(DingTalkSign.sign(ts, robot.secret()), StandardCharsets.UTF_8);
		WebhookAnswer a = post(url, webhookMessage(reply, null));
		if (a.ok()) {
			return SendResult.sent();
		}
		if (a.errcode() != null && (a.errcode() == 130101 || a.errcode() == 410100)) {
			return SendResult.deferred("group robot " + name + " throttled by DingTalk: " + a.describe(),
					ROBOT_THROTTLED);
		}
		if (a.transientFailure()) {
			return SendResult.retry("group robot " + name + ": " + a.describe());
		}
		return SendResult.failed("group robot " + name + ": " + a.describe());
	}

	// ---- message bodies ------------------------------------------------------------

	/**
	 * DingTalk's link that, tapped in the client, sends its text as the user's message.
	 */
	static String sendMessageLink(String command) {
		return "dtmd://dingtalkclient/sendMessage?content=" + URLEncoder.encode(command, StandardCharsets.UTF_8);
	}

	/**
	 * Buttons become an ActionCard (one-to-one only: a tap sends the button's command as
	 * the user's own message, which reaches the robot only in a one-to-one chat — in a
	 * group it would lack the @-mention). At most {@value #CARD_BUTTONS} buttons.
	 */
	private static boolean asActionCard(Reply reply, boolean group) {
		return !group && !reply.buttons().isEmpty() && reply.buttons().size() <= CARD_BUTTONS;
	}

	/**
	 * An action card's markdown: for a structured reply its title, lines, fields and
	 * sections (the buttons are the card's own); else the text.
	 */
	private static String cardText(Reply reply) {
		if (!reply.structured()) {
			return reply.text();
		}
		return ReplyText.markdown(reply.withButtons(List.of()), MD_BREAK);
	}

	private static String cardTitle(Reply reply) {
		return (reply.title() != null) ? reply.title() : firstLine(reply.text());
	}

	private Map<String, Object> webhookMessage(Reply reply, String mentionStaffId) {
		return webhookMessage(reply, mentionStaffId, true);
	}

	private Map<String, Object> webhookMessage(Reply reply, String mentionStaffId, boolean group) {
		if (asActionCard(reply, group)) {
			Map<String, Object> card = new LinkedHashMap<>();
			card.put("title", cardTitle(reply));
			card.put("text", cardText(reply));
			card.put("btnOrientation", "0");
			card.put("btns",
					reply.buttons()
						.stream()
						.map((b) -> Map.of("title", b.label(), "actionURL", sendMessageLink(b.command())))
						.toList());
			return Map.of("msgtype", "actionCard", "actionCard", card);
		}
		String text = reply.textWithCommandFallback();
		String prefix = (mentionStaffId != null) ? "@" + mentionStaffId + " " : "";
		Map<String, Object> body = new LinkedHashMap<>();
		if (reply.structured()) {
			body.put("msgtype", "markdown");
			body.put("markdown",
					Map.of("title", cardTitle(reply), "text", prefix + ReplyText.markdown(reply, MD_BREAK)));
		}
		else if (reply.format() == Reply.Format.MARKDOWN || reply.title() != null) {
			String title = (reply.title() != null) ? reply.title() : firstLine(text);
			String md = (reply.format() == Reply.Format.MARKDOWN) ? text : "**" + reply.title() + "**\n\n" + text;
			body.put("msgtype", "markdown");
			body.put("markdown", Map.of("title", title, "text", prefix + md));
		}
		else {
			body.put("msgtype", "text");
			body.put("text", Map.of("content", prefix + text));
		}
		if (mentionStaffId != null) {
			body.put("at", Map.of("atUserIds", List.of(mentionStaffId), "isAtAll", false));
		}
		return body;
	}

	private Msg openApiMessage(Reply reply) {
		return openApiMessage(reply, true);
	}

	/**
	 * The robot OpenAPI's message: {@code sampleActionCard} (one button) or
	 * {@code sampleActionCard2..5} for one-to-one pushes with buttons, else markdown or
	 * text.
	 */
	private Msg openApiMessage(Reply reply, boolean group) {
		if (asActionCard(reply, group)) {
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("title", cardTitle(reply));
			p.put("text", cardText(reply));
			List<Reply.Button> bs = reply.buttons();
			if (bs.size() == 1) {
				p.put("singleTitle", bs.get(0).label());
				p.put("singleURL", sendMessageLink(bs.get(0).command()));
				return new Msg("sampleActionCard", json.writeValueAsString(p));
			}
			for (int i = 0; i < bs.size(); i++) {
				p.put("actionTitle" + (i + 1), bs.get(i).label());
				p.put("actionURL" + (i + 1), sendMessageLink(bs.get(i).command()));
			}
			return new Msg("sampleActionCard" + bs.size(), json.writeValueAsString(p));
		}
		String text = reply.textWithCommandFallback();
		if (reply.structured()) {
			return new Msg("sampleMarkdown", json
				.writeValueAsString(Map.of("title", cardTitle(reply), "text", ReplyText.markdown(reply, MD_BREAK))));
		}
		if (reply.format() == Reply.Format.MARKDOWN || reply.title() != null) {
			String title = (reply.title() != null) ? reply.title() : firstLine(text);
			String md = (reply.format() == Reply.Format.MARKDOWN) ? text : "**" + reply.title() + "**\n\n" + text;
			return new Msg("sampleMarkdown", json.writeValueAsString(Map.of("title", title, "text", md)));
		}
		return new Msg("sampleText", json.writeValueAsString(Map.of("content", text)));
	}

	/** Upload a reply's image; the {@code sampleImageMsg} parameter showing it. */
	private String imageParam(Reply reply) throws Exception {
		java.nio.file.Path file = java.nio.file.Path.of(reply.imageRef());
		if (!java.nio.file.Files.isRegularFile(file)) {
			throw new IllegalStateException("image not found: " + file.getFileName());
		}
		return json.writeValueAsString(Map.of("photoURL", api.uploadImage(file)));
	}

	private static Reply withoutImage(Reply r) {
		return r.withoutImage();
	}

	private static String firstLine(String text) {
		String line = text.strip().lines().findFirst().orElse("crm-bot");
		line = line.replaceAll("[#*>`]", "").trim();
		return line.isEmpty() ? "crm-bot" : ((line.length() > 30) ? line.substring(0, 30) : line);
	}

	// ---- transport -----------------------------------------------------------------

	private WebhookAnswer post(String url, Map<String, Object> body) {
		try {
			HttpRequest req = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json; charset=utf-8")
				.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
				.build();
			HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			Integer errcode = null;
			String errmsg = null;
			try {
				JsonNode n = json.readTree(resp.body());
				if (n.has("errcode")) {
					errcode = n.get("errcode").asInt();
				}
				if (n.has("errmsg")) {
					errmsg = n.get("errmsg").asString();
				}
			}
			catch (RuntimeException ex) {
				// not JSON: judged by the status alone
			}
			return new WebhookAnswer(resp.statusCode(), errcode, errmsg, null);
		}
		catch (IOException ex) {
			return new WebhookAnswer(0, null, null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new WebhookAnswer(0, null, null, "interrupted");
		}
		catch (IllegalArgumentException ex) {
			return new WebhookAnswer(-1, null, null, "bad webhook URL");
		}
	}

	private static com.aliyun.dingtalkrobot_1_0.models.BatchSendOTOResponseBody bodyOf(
			com.aliyun.dingtalkrobot_1_0.models.BatchSendOTOResponse resp) {
		return (resp != null) ? resp.getBody() : null;
	}

	private SendResult openApiResult(ApiCall call) {
		try {
			return call.run();
		}
		catch (TeaException ex) {
			return classify(ex);
		}
		catch (Exception ex) {
			if (ex.getCause() instanceof TeaException te) {
				return classify(te);
			}
			return SendResult.retry("DingTalk OpenAPI: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	/** Token trouble and throttling and 5xx are transient; other 4xx are final. */
	SendResult classify(TeaException ex) {
		Integer status = ex.getStatusCode();
		if (status == null && ex.getData() != null && ex.getData().get("statusCode") instanceof Number n) {
			status = n.intValue();
		}
		String code = (ex.getCode() != null) ? ex.getCode() : "";
		String lc = code.toLowerCase(Locale.ROOT);
		String reason = "DingTalk OpenAPI " + ((status != null) ? status + " " : "") + code + ": " + ex.getMessage();
		if ((status != null && status == 401) || lc.contains("invalidauthentication") || lc.contains("token")) {
			api.invalidateToken();
			return SendResult.retry(reason, Duration.ofSeconds(1));
		}
		if ((status != null && status == 429) || lc.contains("qpslimit") || lc.contains("throttl")
				|| lc.contains("flowcontrol")) {
			return SendResult.retry(reason, Duration.ofSeconds(30));
		}
		if (status == null || status >= 500) {
			return SendResult.retry(reason);
		}
		return SendResult.failed(reason);
	}

	@FunctionalInterface
	private interface ApiCall {

		SendResult run() throws Exception;

	}

	private record Msg(String key, String param) {
	}

	private record WebhookAnswer(int status, Integer errcode, String errmsg, String error) {

		boolean ok() {
			return status >= 200 && status < 300 && (errcode == null || errcode == 0);
		}

		boolean transientFailure() {
			return status == 0 || status >= 500 || status == 429 || (errcode != null && errcode == -1);
		}

		String describe() {
			if (error != null) {
				return error;
			}
			return "HTTP " + status + ((errcode != null) ? " errcode " + errcode : "")
					+ ((errmsg != null) ? " " + errmsg : "");
		}

	}

}
