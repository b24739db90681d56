package com.crmbot.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Keeps rendered charts: in the store (the web chat and dashboard show them to their
 * user) and as a file in the chart directory (the path a reply's {@code imageRef}
 * carries, which the WeCom/DingTalk connectors upload). Charts older than a week are
 * removed.
 */
@Component
@EnableConfigurationProperties(ReportProperties.class)
public class ChartStore {

	static final Duration KEEP = Duration.ofDays(7);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final MongoTemplate mongo;

	private final ReportProperties props;

	private final Clock clock;

	private volatile java.time.Instant lastCleanUp;

	ChartStore(MongoTemplate mongo, ReportProperties props, Clock clock) {
		this.mongo = mongo;
		this.props = props;
		this.clock = clock;
	}

	/** Store a chart for a user; returns it with its file written. */
	public Saved save(String userId, byte[] png) {
		byte[] id = new byte[16];
		RANDOM.nextBytes(id);
		String key = HexFormat.of().formatHex(id);
		mongo.insert(new StoredChart(key, userId, png, clock.instant()));
		Path file = file(key);
		try {
			Files.createDirectories(file.getParent());
			Path tmp = Files.createTempFile(file.getParent(), key, ".tmp");
			Files.write(tmp, png);
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		cleanUp();
		return new Saved(key, file.toAbsolutePath().toString());
	}

	public Optional<StoredChart> get(String id) {
		return Optional.ofNullable(mongo.findById(id, StoredChart.class));
	}

	Path file(String id) {
		return props.chartDir().resolve(id + ".png");
	}

	/** The public, signed link of a chart, when a public address is configured. */
	public Optional<String> publicUrl(String id) {
		if (props.publicBaseUrl() == null || props.publicBaseUrl().isBlank()) {
			return Optional.empty();
		}
		return Optional.of(props.publicBaseUrl().replaceAll("/+$", "") + "/api/charts/" + id + ".png?sig=" + sign(id));
	}

	/** Whether a public link's signature is right. */
	public boolean signatureOk(String id, String sig) {
		if (props.linkSecret() == null || sig == null) {
			return false;
		}
		return java.security.MessageDigest.isEqual(sign(id).getBytes(StandardCharsets.US_ASCII),
				sig.getBytes(StandardCharsets.US_ASCII));
	}

	private String sign(String id) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(props.linkSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Removes charts older than a week (store and files); runs at most hourly. */
	void cleanUp() {
		java.time.Instant now = clock.instant();
		if (lastCleanUp != null && now.isBefore(lastCleanUp.plus(Duration.ofHours(1)))) {
			return;
		}
		lastCleanUp = now;
		Query old = Query.query(Criteria.where("createdAt").lt(clock.instant().minus(KEEP)));
		old.fields().include("_id");
		for (StoredChart c : mongo.find(old, StoredChart.class)) {
			try {
				Files.deleteIfExists(file(c.id()));
			}
			catch (IOException ex) {
				// removed with the next run
			}
			mongo.remove(Query.query(Criteria.where("_id").is(c.id())), StoredChart.class);
		}
	}

	/**
	 * A stored chart.
	 *
	 * @param id its id
	 * @param path its file
	 */
	public record Saved(String id, String path) {
	}

}
