package com.crmbot.mail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMTP failures are classified against a real (minimal) SMTP server: a 5xx reply to the
 * recipient is permanent, a 4xx reply and a refused connection are temporary (retried).
 */
class MailTransportFailuresTest {

	private ServerSocket server;

	private Thread thread;

	@AfterEach
	void stop() throws Exception {
		if (server != null) {
			server.close();
		}
		if (thread != null) {
			thread.join(2000);
		}
	}

	/** Answers every RCPT TO with {@code rcptReply}. */
	private int smtpStub(String rcptReply) throws Exception {
		server = new ServerSocket(0);
		thread = new Thread(() -> {
			while (!server.isClosed()) {
				try (Socket s = server.accept()) {
					BufferedReader in = new BufferedReader(
							new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
					Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
					out.write("220 stub ESMTP\r\n");
					out.flush();
					String line;
					while ((line = in.readLine()) != null) {
						String cmd = line.toUpperCase();
						if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
							out.write("250 stub\r\n");
						}
						else if (cmd.startsWith("MAIL FROM")) {
							out.write("250 ok\r\n");
						}
						else if (cmd.startsWith("RCPT TO")) {
							out.write(rcptReply + "\r\n");
						}
						else if (cmd.startsWith("QUIT")) {
							out.write("221 bye\r\n");
							out.flush();
							break;
						}
						else {
							out.write("250 ok\r\n");
						}
						out.flush();
					}
				}
				catch (Exception ex) {
					// closed
				}
			}
		});
		thread.setDaemon(true);
		thread.start();
		return server.getLocalPort();
	}

	private static MailTransport transport(int port) {
		MailProperties p = new MailProperties("127.0.0.1", port, null, null, false, false, "crm@example.com", "CRM",
				"http://bot", null, 600, 1, 5, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(500),
				Duration.ofSeconds(5), false);
		return new MailTransport(p);
	}

	private static MailMessage mail() {
		return MailMessage.pending("k1", MailMessage.Kind.MANUAL, null, "c1", "zhangsan", "east", "zhangsan",
				"nobody@example.com", "张三", "主题", "<p>hi</p>", "hi", null, null, Instant.EPOCH);
	}

	@Test
	void a5xxReplyIsPermanent() throws Exception {
		MailTransport.Outcome o = transport(smtpStub("550 5.1.1 no such user")).send(mail());
		assertThat(o.result()).isEqualTo(MailTransport.Outcome.Result.PERMANENT);
		assertThat(o.reason()).contains("550");
	}

	@Test
	void a4xxReplyIsTemporary() throws Exception {
		MailTransport.Outcome o = transport(smtpStub("451 4.3.0 try again later")).send(mail());
		assertThat(o.result()).isEqualTo(MailTransport.Outcome.Result.TEMPORARY);
		assertThat(o.reason()).contains("451");
	}

	@Test
	void aRefusedConnectionIsTemporary() throws Exception {
		int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		MailTransport.Outcome o = transport(port).send(mail());
		assertThat(o.result()).isEqualTo(MailTransport.Outcome.Result.TEMPORARY);
	}

}
