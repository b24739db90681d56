package com.crmbot.connector.dingtalk;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The HTTP-mode robot callback. In this order: the {@code timestamp} and {@code sign}
 * headers are checked (timestamp within the tolerance, HMAC compared in constant time)
 * before a byte of the body is read; the body must be JSON and at most
 * {@code max-body-bytes}; then the message is recorded durably in the inbound ledger (one
 * insert; a store failure answers 503 so that DingTalk retries), acknowledged, and
 * processed on an executor (DingTalk wants an answer within about 1.5 s; replies go out
 * through the outbox; a crash after the acknowledgement is made good by
 * {@link DingTalkInboundRecovery}).
 */
public class DingTalkCallbackHandler {

	private static final Logger log = LoggerFactory.getLogger(DingTalkCallbackHandler.class);

	private final DingTalkProperties props;

	private final DingTalkInboundProcessor processor;

	private final Executor executor;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	public DingTalkCallbackHandler(DingTalkProperties props, DingTalkInboundProcessor processor, Executor executor,
			Clock clock) {
		this.props = props;
		this.processor = processor;
		this.executor = executor;
		this.clock = clock;
	}

	public ServerResponse handle(ServerRequest request) {
		HttpServletRequest raw = request.servletRequest();
		DingTalkSign.Verdict verdict = DingTalkSign.verify(raw.getHeader("timestamp"), raw.getHeader("sign"),
				props.secret(), clock.instant(), props.timestampTolerance());
		if (verdict != DingTalkSign.Verdict.OK) {
			log.warn("dingtalk: callback rejected: {} (from {})", verdict, raw.getRemoteAddr());
			return error(HttpStatus.UNAUTHORIZED, "signature check failed: " + verdict.name().toLowerCase());
		}
		if (!isJson(raw.getContentType())) {
			return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "application/json expected");
		}
		long declared = raw.getContentLengthLong();
		if (declared > props.maxBodyBytes()) {
			return error(HttpStatus.CONTENT_TOO_LARGE, "body too large");
		}
		byte[] body;
		try (InputStream in = raw.getInputStream()) {
			body = in.readNBytes(props.maxBodyBytes() + 1);
		}
		catch (IOException ex) {
			return error(HttpStatus.BAD_REQUEST, "body could not be read");
		}
		if (body.length > props.maxBodyBytes()) {
			return error(HttpStatus.CONTENT_TOO_LARGE, "body too large");
		}
		JsonNode node;
		try {
			node = json.readTree(body);
		}
		catch (RuntimeException ex) {
			return error(HttpStatus.BAD_REQUEST, "malformed JSON");
		}
		if (node == null || !node.isObject()) {
			return error(HttpStatus.BAD_REQUEST, "a JSON object expected");
		}
		DingTalkInbound in = DingTalkInbound.fromJson(node);
		if (in.msgId() == null || in.msgId().isBlank()) {
			return error(HttpStatus.BAD_REQUEST, "msgId missing");
		}
		// recorded on disk before DingTalk hears 200; otherwise it gets an error and
		// delivers the message again
		boolean fresh;
		try {
			fresh = processor.record(in);
		}
		catch (RuntimeException ex) {
			log.warn("dingtalk: could not record {}, asking DingTalk to retry: {}", in.msgId(), ex.toString());
			return error(HttpStatus.SERVICE_UNAVAILABLE, "store unavailable, retry later");
		}
		if (fresh) {
			try {
				executor.execute(() -> processor.processRecorded(in));
			}
			catch (RejectedExecutionException ex) {
				log.warn("dingtalk: busy; {} is recorded and will be processed by the recovery sweep", in.msgId());
			}
		}
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("msgtype", "empty"));
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType t = MediaType.parseMediaType(contentType);
			return !t.isWildcardType() && !t.isWildcardSubtype()
					&& (MediaType.APPLICATION_JSON.isCompatibleWith(t) || t.getSubtype().endsWith("+json"));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static ServerResponse error(HttpStatus status, String message) {
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
	}

}
