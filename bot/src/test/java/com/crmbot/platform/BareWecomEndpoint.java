package com.crmbot.platform;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import com.crmbot.connector.wecom.WecomCrypto;
import org.bson.Document;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of {@link WecomCallbackBenchmark} (test scope, only with
 * {@code crmbot.bench.bare-endpoint=true}): a bare WeCom callback endpoint in the same
 * application (same Tomcat, same security filter chain, same embedded store) that does
 * only what any correct endpoint must: verify the signature, decrypt, one durable insert
 * (key = message id), 200.
 */
@RestController
@ConditionalOnProperty(name = "crmbot.bench.bare-endpoint", havingValue = "true")
class BareWecomEndpoint {

	static final String COLLECTION = "bench_bare_ledger";

	private static final Pattern ENCRYPT = Pattern.compile("<Encrypt><!\\[CDATA\\[([A-Za-z0-9+/=]*)\\]\\]></Encrypt>");

	private static final Pattern MSG_ID = Pattern.compile("<MsgId>([^<]*)</MsgId>");

	private final WecomCrypto crypto;

	private final MongoTemplate mongo;

	BareWecomEndpoint(WecomCrypto crypto, MongoTemplate mongo) {
		this.crypto = crypto;
		this.mongo = mongo;
	}

	@PostMapping("/wecom/callback/bare")
	ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
		Map<String, String> q = new HashMap<>();
		for (String pair : request.getQueryString().split("&")) {
			int eq = pair.indexOf('=');
			q.put(pair.substring(0, eq),
					URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
		}
		String body = new String(request.getInputStream().readNBytes(65537), StandardCharsets.UTF_8);
		Matcher m = ENCRYPT.matcher(body);
		if (!m.find()) {
			return ResponseEntity.badRequest().build();
		}
		String xml;
		try {
			xml = crypto.verifyAndDecrypt(q.get("msg_signature"), q.get("timestamp"), q.get("nonce"), m.group(1));
		}
		catch (Exception ex) {
			return ResponseEntity.status(403).build();
		}
		Matcher id = MSG_ID.matcher(xml);
		if (!id.find()) {
			return ResponseEntity.badRequest().build();
		}
		mongo.insert(new Document("_id", "wecom:msg:" + id.group(1)).append("platform", "wecom")
			.append("payload", xml)
			.append("firstSeen", new Date()), COLLECTION);
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("");
	}

}
