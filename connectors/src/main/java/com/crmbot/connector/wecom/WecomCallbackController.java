package com.crmbot.connector.wecom;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;

import jakarta.servlet.http.HttpServletRequest;

import com.crmbot.connector.wecom.WecomCryptoException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WeCom callback endpoint. GET answers the URL check (crypto only, never the store).
 * POST verifies the signature over the raw {@code Encrypt} value before any XML parser
 * sees the body, decrypts, checks the receiveid, parses the inner XML with DOCTYPEs
 * refused, records the message durably in the inbound ledger (no 200 before that: if the
 * store cannot record it WeCom gets a 503 and retries; the same insert claims it for this
 * process), and hands the message to {@link WecomInboundBatcher}, which processes queued
 * messages in batches on other threads (a crash before processing finishes is made good
 * by {@link WecomInboundRecovery}): if the bot's answer is ready within the short
 * passive-reply budget it is returned encrypted, otherwise WeCom gets an empty 200 and
 * the answer goes out through the outbox.
 */
@RestController
@ConditionalOnProperty(name = "crmbot.wecom.enabled", havingValue = "true")
@RequestMapping("${crmbot.wecom.callback-path:/wecom/callback}")
class WecomCallbackController {

	private static final Logger log = LoggerFactory.getLogger(WecomCallbackController.class);

	private static final java.util.regex.Pattern ENCRYPT = java.util.regex.Pattern
		.compile("<Encrypt>\\s*(?:<!\\[CDATA\\[([A-Za-z0-9+/=\\s]*)\\]\\]>|([A-Za-z0-9+/=\\s]*))\\s*</Encrypt>");

	private final WecomProperties props;

	private final WecomCrypto crypto;

	private final WecomInboundProcessor processor;

	private final WecomInboundBatcher batcher;

	private final Clock clock;

	WecomCallbackController(WecomProperties props, WecomCrypto crypto, WecomInboundProcessor processor,
			WecomInboundBatcher batcher, ObjectProvider<Clock> clock) {
		this.props = props;
		this.crypto = crypto;
		this.processor = processor;
		this.batcher = batcher;
		this.clock = clock.getIfAvailable(Clock::systemDefaultZone);
	}

	@GetMapping
	ResponseEntity<String> verifyUrl(HttpServletRequest request) {
		Map<String, String> q = query(request.getQueryString());
		String sig = q.get("msg_signature");
		String ts = q.get("timestamp");
		String nonce = q.get("nonce");
		String echostr = q.get("echostr");
		if (blank(sig) || blank(ts) || blank(nonce) || blank(echostr)) {
			return plain(400, "missing parameters");
		}
		try {
			// a group robot's URL check comes with a blank receiveid; echoing it has no
			// effect
			String plain = crypto.verifyAndOpen(sig, ts, nonce, echostr).message();
			log.info("wecom: URL verification succeeded");
			return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(plain);
		}
		catch (WecomCryptoException ex) {
			log.warn("wecom: URL verification refused: {}", ex.getMessage());
			return reject(ex);
		}
	}

	@PostMapping
	ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
		Map<String, String> q = query(request.getQueryString());
		String sig = q.get("msg_signature");
		String ts = q.get("timestamp");
		String nonce = q.get("nonce");
		if (blank(sig) || blank(ts) || blank(nonce)) {
			return plain(400, "missing parameters");
		}
		long declared = request.getContentLengthLong();
		if (declared > props.maxBodyBytes()) {
			return plain(413, "body too large");
		}
		byte[] raw = request.getInputStream().readNBytes(props.maxBodyBytes() + 1);
		if (raw.length > props.maxBodyBytes()) {
			return plain(413, "body too large");
		}
		String body = new String(raw, StandardCharsets.UTF_8);
		if (body.isBlank()) {
			return plain(400, "empty body");
		}
		String upper = body.toUpperCase(java.util.Locale.ROOT);
		if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
			log.warn("wecom: callback with DOCTYPE/ENTITY refused");
			return plain(400, "DOCTYPE refused");
		}
		Matcher m = ENCRYPT.matcher(body);
		if (!m.find()) {
			return plain(400, "no Encrypt element");
		}
		String encrypt = ((m.group(1) != null) ? m.group(1) : m.group(2)).strip();
		WecomInbound in;
		String xml;
		try {
			WecomCrypto.Opened opened = crypto.verifyAndOpen(sig, ts, nonce, encrypt);
			xml = opened.message();
			in = new WecomInbound(SafeXml.parse(xml));
			if (opened.blankReceiveId() && !in.isRobotCallback()) {
				throw new WecomCryptoException(Kind.RECEIVE_ID, "a blank receiveid is accepted only for a group robot");
			}
		}
		catch (WecomCryptoException ex) {
			log.warn("wecom: callback refused ({}): {}", ex.kind(), ex.getMessage());
			return reject(ex);
		}
		// the message is on disk (and claimed by this process) before WeCom hears 200; if
		// it cannot be recorded WeCom gets an error and delivers it again
		boolean fresh;
		try {
			fresh = processor.recordClaimed(in, xml);
		}
		catch (RuntimeException ex) {
			log.warn("wecom: could not record {}, asking WeCom to retry: {}", in.dedupeKey(), ex.toString());
			return plain(503, "store unavailable, retry");
		}
		if (!fresh) {
			// a retry of a recorded message: processed (or being processed) already, or
			// picked up by the recovery sweep
			return empty();
		}
		// a backlog means the answer cannot come within the budget: do not wait for it
		long budget = (batcher.backlog() > props.inboundThreads()) ? 0 : props.passiveReplyBudget().toMillis();
		WecomInboundBatcher.Item item = WecomInboundBatcher.Item.forBudget(in, budget);
		if (!batcher.submit(item)) {
			log.warn("wecom: inbound queue full; {} is recorded and will be processed by the recovery sweep",
					in.dedupeKey());
			return empty();
		}
		WecomInboundProcessor.Outcome outcome;
		try {
			outcome = WecomInboundBatcher.awaitPassive(item, budget);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			item.abandon();
			return empty();
		}
		if (outcome == null) {
			return empty();
		}
		String from = outcome.inbound().from();
		String replyTs = Long.toString(clock.instant().getEpochSecond());
		String replyXml = "<xml><ToUserName>" + SafeXml.cdata(from) + "</ToUserName><FromUserName>"
				+ SafeXml.cdata(props.corpId()) + "</FromUserName><CreateTime>" + replyTs
				+ "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>"
				+ SafeXml.cdata(outcome.replies().get(0).text()) + "</Content></xml>";
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_XML)
			.body(crypto.encryptedReply(replyXml, replyTs, nonce));
	}

	private static ResponseEntity<String> reject(WecomCryptoException ex) {
		return (ex.kind() == Kind.SIGNATURE || ex.kind() == Kind.RECEIVE_ID) ? plain(403, "forbidden")
				: plain(400, "bad request");
	}

	private static ResponseEntity<String> empty() {
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("");
	}

	private static ResponseEntity<String> plain(int status, String body) {
		return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	/**
	 * Percent-decodes the raw query string exactly once, leaving {@code +} as {@code +}
	 * (echostr is Base64: a {@code +} there is never a space).
	 */
	static Map<String, String> query(String raw) {
		Map<String, String> out = new HashMap<>();
		if (raw == null || raw.isEmpty()) {
			return out;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String k = (eq < 0) ? pair : pair.substring(0, eq);
			String v = (eq < 0) ? "" : pair.substring(eq + 1);
			try {
				out.putIfAbsent(decode(k), decode(v));
			}
			catch (IllegalArgumentException ex) {
				// malformed escape: leave the parameter out, the caller answers 400
			}
		}
		return out;
	}

	private static String decode(String s) {
		return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
