package com.crmbot.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.crmbot.connector.outbox.Outbox;
import com.crmbot.support.BotTestSupport;
import com.crmbot.testsupport.MutableClock;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the task, reminder and approval tests: a mutable clock instead of sleeping, a
 * copy of {@code config/} the tests may edit and reload, and a local stub SMS gateway
 * (real HTTP) that {@code workflow.yaml}'s {@code ${SMS_GATEWAY_URL}} points at.
 */
@Import(TestClockConfig.class)
public abstract class WorkflowTestSupport extends BotTestSupport {

	/** Wednesday 2026-12-02 10:00 in Shanghai. */
	public static final ZonedDateTime START = ZonedDateTime.of(2026, 12, 2, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai"));

	public static final MutableClock CLOCK = new MutableClock(START.toInstant(), START.getZone());

	protected static final Path CONFIG_DIR = copyConfig();

	protected static final SmsStub SMS = SmsStub.start();

	@Autowired
	protected Outbox outbox;

	@Autowired
	protected ReminderService reminders;

	@DynamicPropertySource
	static void workflowProperties(DynamicPropertyRegistry registry) {
		registry.add("crmbot.config.dir", CONFIG_DIR::toString);
	}

	@BeforeEach
	void resetWorkflow() {
		CLOCK.set(START.toInstant());
		SMS.reset();
	}

	@Override
	protected void extraCleanup() {
		for (String c : List.of(Task.COLLECTION, Reminder.COLLECTION, TaskDraft.COLLECTION, SmsMessage.COLLECTION,
				"deals", "approvals", "approval_audit", "counters")) {
			mongo.remove(new Query(), c);
		}
	}

	/** Move the clock and run what Quartz would run. */
	protected void advance(Duration d) {
		CLOCK.advance(d);
	}

	protected List<String> inboxTexts(String user) {
		List<String> out = new java.util.ArrayList<>();
		get("/api/local/inbox?user=" + user + "&after=0").json().forEach((n) -> out.add(n.toString()));
		return out;
	}

	protected String inbox(String user) {
		return String.join("\n", inboxTexts(user));
	}

	private static Path copyConfig() {
		try {
			Path dir = Files.createTempDirectory("crmbot-workflow-config");
			try (Stream<Path> files = Files.list(Path.of("../config"))) {
				for (Path f : files.toList()) {
					Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Replace a line of the test copy of workflow.yaml (then /config reload). */
	protected static void editWorkflow(String from, String to) {
		try {
			Path f = CONFIG_DIR.resolve("workflow.yaml");
			String s = Files.readString(f);
			if (!s.contains(from)) {
				throw new AssertionError("workflow.yaml has no '" + from + "'");
			}
			Files.writeString(f, s.replace(from, to));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	protected static void restoreWorkflow() {
		try {
			Files.copy(Path.of("../config/workflow.yaml"), CONFIG_DIR.resolve("workflow.yaml"),
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A local SMS gateway: records requests, answers with a configurable status. */
	public static final class SmsStub {

		public final List<String> bodies = new CopyOnWriteArrayList<>();

		public final List<String> auth = new CopyOnWriteArrayList<>();

		public final AtomicInteger status = new AtomicInteger(200);

		static SmsStub start() {
			try {
				SmsStub stub = new SmsStub();
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				server.createContext("/sms", (ex) -> {
					stub.bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
					stub.auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
					byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
					ex.sendResponseHeaders(stub.status.get(), body.length);
					ex.getResponseBody().write(body);
					ex.close();
				});
				server.start();
				System.setProperty("SMS_GATEWAY_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
				System.setProperty("SMS_API_KEY", "test-sms-key");
				return stub;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		public void reset() {
			bodies.clear();
			auth.clear();
			status.set(200);
		}

	}

}
