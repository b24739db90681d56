package com.crmbot.connector.wecom;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.crmbot.connector.Connector;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Recipient;
import com.crmbot.connector.Reply;
import com.crmbot.connector.ReplyText;
import com.crmbot.connector.SendRateLimiter;
import com.crmbot.connector.SendResult;
import me.chanjar.weixin.common.bean.result.WxMediaUploadResult;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.message.WxCpMessage;
import me.chanjar.weixin.cp.bean.templatecard.HorizontalContent;
import me.chanjar.weixin.cp.bean.templatecard.QuoteArea;
import me.chanjar.weixin.cp.bean.templatecard.TemplateCardButton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages through WeCom with the real WxJava client:
 * {@code message/send} to members (text, markdown, button template cards, uploaded
 * images) with {@code enable_duplicate_check}, and {@code webhook/send} to group robots.
 * Never throws for platform errors; classifies them:
 * <ul>
 * <li>40001/40014/42001: WxJava expires the token and retries once itself; if it still
 * fails, the token is expired again and the message retried;</li>
 * <li>-1, 5xx, network errors: retry with the outbox's backoff;</li>
 * <li>45009/45033 and our own per-member (30/min) and per-robot (20/min) windows:
 * deferred, not counted as failures;</li>
 * <li>anything else (81013 no valid recipient, 40003 bad userid...): failed with the
 * reason, visible to admins.</li>
 * </ul>
 */
public class WecomConnector implements Connector {

	private static final Logger log = LoggerFactory.getLogger(WecomConnector.class);

	static final Duration API_LIMIT_BACKOFF = Duration.ofSeconds(60);

	static final Duration CONCURRENCY_BACKOFF = Duration.ofSeconds(5);

	private static final long ROBOT_IMAGE_MAX = 2L * 1024 * 1024;

	private static final int MAX_BUTTONS = 6;

	/** A template card shows at most six key/value rows. */
	private static final int CARD_FIELDS = 6;

	private final WecomProperties props;

	private final WxCpService wx;

	private final SendRateLimiter window;

	public WecomConnector(WecomProperties props, WxCpService wx, Clock clock) {
		this.props = props;
		this.wx = wx;
		this.window = new SendRateLimiter(clock);
	}

	@Override
	public Platform platform() {
		return Platform.WECOM;
	}

	@Override
	public int maxBatch(Recipient to) {
		return (to.kind() == Recipient.Kind.GROUP_ROBOT) ? props.robotBatch() : 1;
	}

	@Override
	public SendResult send(Recipient to, Reply reply, String idempotencyKey) {
		return switch (to.kind()) {
			case USER -> sendToUser(to.id(), reply, idempotencyKey);
			case GROUP_ROBOT -> sendToRobot(to.id(), reply, idempotencyKey);
			case CONVERSATION -> SendResult
				.failed("a WeCom self-built app cannot post into group chats; use a group robot (crmbot.wecom.robots)");
		};
	}

	private SendResult sendToUser(String userId, Reply reply, String key) {
		Duration wait = window.acquire("user:" + userId, props.memberPerMinute());
		if (wait != null) {
			return SendResult.deferred("per-member limit " + props.memberPerMinute() + "/min", wait);
		}
		try {
			List<WxCpMessage> messages = new ArrayList<>();
			if (reply.imageRef() != null) {
				File f = new File(reply.imageRef());
				if (!f.isFile()) {
					return SendResult.failed("image not found: " + f.getName());
				}
				WxMediaUploadResult up = wx.getMediaService().upload("image", f);
				messages.add(WxCpMessage.IMAGE().toUser(userId).mediaId(up.getMediaId()).build());
				if (!reply.text().isBlank() || !reply.buttons().isEmpty()) {
					messages.add(content(userId, reply, key));
				}
			}
			else {
				messages.add(content(userId, reply, key));
			}
			for (WxCpMessage m : messages) {
				m.setAgentId(props.agentId());
				m.setEnableDuplicateCheck(true);
				m.setDuplicateCheckInterval(1800);
				wx.getMessageService().send(m);
			}
			log.info("wecom: sent {} to user {}", key, userId);
			return SendResult.sent();
		}
		catch (WxErrorException ex) {
			return classify(ex, key);
		}
		catch (RuntimeException ex) {
			// WxRuntimeException: network errors, HTTP 5xx, -1 after WxJava's own retries
			log.warn("wecom: send {} failed transiently: {}", key, ex.toString());
			return SendResult.retry("transient: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	/**
	 * The app message for a reply: a {@code button_interaction} template card when it has
	 * buttons (title, lead lines, up to six fields as the card's key/value rows, the rest
	 * as a quote), markdown for a structured reply or when asked, else text.
	 */
	private WxCpMessage content(String userId, Reply reply, String key) {
		if (!reply.buttons().isEmpty()) {
			List<TemplateCardButton> buttons = new ArrayList<>();
			for (Reply.Button b : reply.buttons().subList(0, Math.min(MAX_BUTTONS, reply.buttons().size()))) {
				buttons.add(TemplateCardButton.builder().text(b.label()).key(b.key()).style(1).build());
			}
			String title = (reply.title() != null && !reply.title().isBlank()) ? reply.title() : "crm-bot";
			var card = WxCpMessage.TEMPLATECARD()
				.toUser(userId)
				.cardType("button_interaction")
				.mainTitleTitle(truncate(title, 36))
				.taskId(taskId(key))
				.buttons(buttons);
			if (reply.structured()) {
				List<Reply.Field> fields = reply.fields();
				List<HorizontalContent> rows = fields.subList(0, Math.min(CARD_FIELDS, fields.size()))
					.stream()
					.map((f) -> HorizontalContent.builder()
						.keyname(truncate(f.label(), 5))
						.value(truncate(f.value(), 26))
						.build())
					.toList();
				Reply rest = new Reply("", reply.format(), null, List.of(), null, List.of(),
						fields.subList(rows.size(), fields.size()), reply.sections(), reply.file());
				card.horizontalContents(rows);
				if (!reply.lines().isEmpty()) {
					card.subTitleText(truncate(String.join("\n", reply.lines()), 112));
				}
				if (rest.structured()) {
					card.quoteArea(
							QuoteArea.builder().type(0).quoteText(truncate(ReplyText.plain(rest), 1000)).build());
				}
			}
			else {
				card.subTitleText(truncate(reply.text(), 1000));
			}
			return card.build();
		}
		if (reply.structured()) {
			return WxCpMessage.MARKDOWN().toUser(userId).content(ReplyText.markdown(reply, "\n")).build();
		}
		if (reply.format() == Reply.Format.MARKDOWN) {
			String md = (reply.title() != null && !reply.title().isBlank())
					? "**" + reply.title() + "**\n" + reply.text() : reply.text();
			return WxCpMessage.MARKDOWN().toUser(userId).content(md).build();
		}
		return WxCpMessage.TEXT().toUser(userId).content(reply.text()).build();
	}

	private SendResult sendToRobot(String name, Reply reply, String key) {
		String webhookKey = props.robots().get(name);
		if (webhookKey == null || webhookKey.isBlank()) {
			return SendResult.failed("unknown group robot '" + name + "' (configure crmbot.wecom.robots." + name + ")");
		}
		Duration wait = window.acquire("robot:" + name, props.robotPerMinute());
		if (wait != null) {
			return SendResult.deferred("per-robot limit " + props.robotPerMinute() + "/min", wait);
		}
		String url = props.apiBaseUrl().replaceAll("/+$", "") + "/cgi-bin/webhook/send?key=" + webhookKey;
		try {
			if (reply.imageRef() != null) {
				File f = new File(reply.imageRef());
				if (!f.isFile() || f.length() > ROBOT_IMAGE_MAX) {
					return SendResult.failed("robot image missing or over 2 MB: " + f.getName());
				}
				byte[] bytes = Files.readAllBytes(f.toPath());
				wx.getGroupRobotService()
					.sendImage(url, Base64.getEncoder().encodeToString(bytes),
							HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)));
			}
			if (!reply.text().isBlank() || reply.imageRef() == null) {
				if (reply.structured()) {
					wx.getGroupRobotService().sendMarkdown(url, ReplyText.markdown(reply, "\n"));
				}
				else if (reply.format() == Reply.Format.MARKDOWN || reply.title() != null
						|| !reply.buttons().isEmpty()) {
					String md = ((reply.title() != null) ? "**" + reply.title() + "**\n" : "")
							+ reply.textWithCommandFallback();
					wx.getGroupRobotService().sendMarkdown(url, md);
				}
				else {
					wx.getGroupRobotService().sendText(url, reply.text(), null, null);
				}
			}
			log.info("wecom: sent {} to robot {}", key, name);
			return SendResult.sent();
		}
		catch (WxErrorException ex) {
			return classify(ex, key);
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			return SendResult.failed("cannot read image: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("wecom: robot send {} failed transiently: {}", key, ex.toString());
			return SendResult.retry("transient: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private SendResult classify(WxErrorException ex, String key) {
		int code = ex.getError().getErrorCode();
		String reason = "errcode " + code + ": " + ex.getError().getErrorMsg();
		log.warn("wecom: send {} got {}", key, reason);
		return switch (code) {
			case -1 -> SendResult.retry(reason);
			case 40001, 40014, 42001 -> {
				wx.getWxCpConfigStorage().expireAccessToken();
				yield SendResult.retry(reason, Duration.ofSeconds(1));
			}
			case 45009 -> SendResult.deferred(reason, API_LIMIT_BACKOFF);
			case 45033 -> SendResult.deferred(reason, CONCURRENCY_BACKOFF);
			default -> SendResult.failed(reason);
		};
	}

	/** A task_id (≤128 chars of [A-Za-z0-9_-@]) stable for one outbox message. */
	static String taskId(String key) {
		return "crm_" + WecomInboundProcessor.sha1(key);
	}

	private static String truncate(String s, int max) {
		return (s.length() <= max) ? s : s.substring(0, max - 1) + "…";
	}

}
