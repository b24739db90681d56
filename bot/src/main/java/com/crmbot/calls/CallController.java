package com.crmbot.calls;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.CallsConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.customer.Customer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/calls}: call records pushed by the call centre (signed or with a
 * token, see {@link CallSignature}); {@code GET /calls/<id>/recording}: the recording of
 * a filed call, for users who may see its customer (a redirect to the call centre's URL).
 */
@RestController
class CallController {

	private static final Logger log = LoggerFactory.getLogger(CallController.class);

	private static final int MAX_BODY = 64 * 1024;

	private final ObjectMapper json = JsonMapper.builder().build();

	private final CallService calls;

	private final ConfigService config;

	private final AccessPolicy access;

	private final MongoTemplate mongo;

	CallController(CallService calls, ConfigService config, AccessPolicy access, MongoTemplate mongo) {
		this.calls = calls;
		this.config = config;
		this.access = access;
		this.mongo = mongo;
	}

	@PostMapping("/api/calls")
	ResponseEntity<Map<String, Object>> receive(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = "Authorization", required = false) String authorization,
			@RequestHeader(name = CallSignature.TIMESTAMP, required = false) String timestamp,
			@RequestHeader(name = CallSignature.SIGNATURE, required = false) String signature) {
		AdminConfig cfg = config.get();
		CallsConfig settings = cfg.calls();
		if (!settings.enabled()) {
			return error(HttpStatus.NOT_FOUND, "call-centre integration is not enabled (config/calls.yaml)");
		}
		byte[] raw = (body != null) ? body : new byte[0];
		if (!CallSignature.verify(settings.auth(), authorization, timestamp, signature, raw, calls.now())) {
			log.info("calls: request refused (bad or missing signature/token)");
			return error(HttpStatus.UNAUTHORIZED, "bad or missing signature (" + CallSignature.SIGNATURE + " + "
					+ CallSignature.TIMESTAMP + ") or token");
		}
		if (raw.length == 0 || raw.length > MAX_BODY) {
			return error(HttpStatus.BAD_REQUEST, "body must be a JSON object of at most 64 KB");
		}
		JsonNode node;
		try {
			node = json.readTree(raw);
		}
		catch (JacksonException ex) {
			return error(HttpStatus.BAD_REQUEST, "body is not valid JSON");
		}
		try {
			CallRecord rec = new CallMapping(settings, cfg.workflow().zone()).read(node);
			return ResponseEntity.ok(calls.handle(rec));
		}
		catch (BadCall ex) {
			log.info("calls: record refused: {}", ex.getMessage());
			return error(HttpStatus.valueOf(ex.status()), ex.getMessage());
		}
	}

	/**
	 * The recording, for a signed-in user who may see the call's customer (or was its
	 * agent): the signed-in user.
	 */
	@GetMapping("/calls/{callId}/recording")
	ResponseEntity<Map<String, Object>> recording(@PathVariable String callId, java.security.Principal principal) {
		AdminConfig cfg = config.get();
		String user = (principal != null) ? principal.getName() : null;
		Optional<Actor> actor = (user == null) ? Optional.empty()
				: cfg.user(user).map((u) -> new Actor(u, cfg.roleOf(u)));
		if (actor.isEmpty()) {
			return error(HttpStatus.UNAUTHORIZED, "sign in to listen to recordings");
		}
		Optional<Call> call = calls.byCallId(callId);
		if (call.isEmpty() || call.get().record().recordingUrl() == null) {
			return error(HttpStatus.NOT_FOUND, "no recording for this call");
		}
		Customer customer = (call.get().customerId() != null) ? mongo.findById(call.get().customerId(), Customer.class)
				: null;
		boolean allowed = actor.get().id().equals(call.get().agentUserId())
				|| (customer != null && access.canSee(actor.get(), customer));
		if (!allowed) {
			access.logDenied(actor.get(), "call recording " + callId);
			return error(HttpStatus.FORBIDDEN, "not your customer's call");
		}
		log.info("calls: recording of {} opened by {}", callId, actor.get().id());
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(call.get().record().recordingUrl())).build();
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(Map.of("error", message));
	}

}
