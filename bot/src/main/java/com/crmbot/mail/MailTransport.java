package com.crmbot.mail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one queued mail over SMTP (Jakarta Mail through Spring's
 * {@link JavaMailSenderImpl}): multipart/alternative with the plain-text and HTML parts,
 * {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} when the mail has an
 * unsubscribe link. Failures are classified: an SMTP 5xx reply or an invalid address is
 * permanent, anything else (4xx, connection trouble) temporary.
 */
@Component
public class MailTransport {

	private static final Logger log = LoggerFactory.getLogger(MailTransport.class);

	private final MailProperties props;

	private final JavaMailSenderImpl sender;

	MailTransport(MailProperties props) {
		this.props = props;
		this.sender = new JavaMailSenderImpl();
		if (props.configured()) {
			sender.setHost(props.host());
			sender.setPort(props.port());
			sender.setUsername(props.username());
			sender.setPassword(props.password());
			sender.setDefaultEncoding("UTF-8");
			if (props.ssl()) {
				sender.setProtocol("smtps");
			}
			Properties p = sender.getJavaMailProperties();
			String proto = props.ssl() ? "smtps" : "smtp";
			String ms = Long.toString(props.timeout().toMillis());
			p.put("mail." + proto + ".connectiontimeout", ms);
			p.put("mail." + proto + ".timeout", ms);
			p.put("mail." + proto + ".writetimeout", ms);
			p.put("mail." + proto + ".auth", Boolean.toString(props.username() != null));
			if (props.starttls()) {
				p.put("mail.smtp.starttls.enable", "true");
				p.put("mail.smtp.starttls.required", "true");
			}
		}
	}

	public boolean configured() {
		return props.configured();
	}

	/** Send; the outcome says whether to retry. */
	public Outcome send(MailMessage m) {
		if (!props.configured()) {
			return Outcome.temporary("mail is not set up (crmbot.mail.host / from)");
		}
		try {
			MimeMessage mime = sender.createMimeMessage();
			MimeMessageHelper h = new MimeMessageHelper(mime, true, "UTF-8");
			h.setFrom(props.from(), (m.fromName() != null) ? m.fromName() : props.fromName());
			h.setTo(m.to());
			h.setSubject(m.subject());
			h.setText(m.text(), m.html());
			mime.setHeader("X-CRM-Key", m.id());
			if (m.unsubscribeUrl() != null) {
				mime.setHeader("List-Unsubscribe", "<" + m.unsubscribeUrl() + ">");
				mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			}
			sender.send(mime);
			return Outcome.sent();
		}
		catch (MailParseException | MailPreparationException ex) {
			return Outcome.permanent(ex.getMessage());
		}
		catch (MailAuthenticationException ex) {
			return Outcome.temporary("authentication failed: " + ex.getMessage());
		}
		catch (MailSendException ex) {
			for (Exception e : ex.getFailedMessages().values()) {
				return classify(e);
			}
			return classify(ex);
		}
		catch (MailException | MessagingException | IOException ex) {
			return classify(ex);
		}
	}

	static Outcome classify(Throwable ex) {
		String reason = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		for (Throwable t = ex; t != null; t = next(t)) {
			Integer code = returnCode(t);
			if (code != null && code >= 500 && code < 600) {
				return Outcome.permanent("SMTP " + code + ": " + oneLine(t.getMessage()));
			}
			if (code != null && code >= 400 && code < 500) {
				return Outcome.temporary("SMTP " + code + ": " + oneLine(t.getMessage()));
			}
		}
		for (Throwable t = ex; t != null; t = next(t)) {
			if (t instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null
					&& sfe.getInvalidAddresses().length > 0) {
				return Outcome.permanent("invalid address: " + oneLine(t.getMessage()));
			}
		}
		log.debug("mail: temporary failure {}", reason);
		return Outcome.temporary(oneLine(reason));
	}

	private static Throwable next(Throwable t) {
		if (t instanceof MessagingException me && me.getNextException() != null && me.getNextException() != t) {
			return me.getNextException();
		}
		return (t.getCause() != t) ? t.getCause() : null;
	}

	/** SMTPSendFailedException / SMTPAddressFailedException carry the server's code. */
	private static Integer returnCode(Throwable t) {
		try {
			Method m = t.getClass().getMethod("getReturnCode");
			Object v = m.invoke(t);
			return (v instanceof Integer i && i > 0) ? i : null;
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	private static String oneLine(String s) {
		return (s == null) ? "" : s.replaceAll("\\s+", " ").strip();
	}

	/** What happened to one send. */
	public record Outcome(Result result, String reason) {

		public enum Result {

			SENT, TEMPORARY, PERMANENT

		}

		static Outcome sent() {
			return new Outcome(Result.SENT, null);
		}

		static Outcome temporary(String reason) {
			return new Outcome(Result.TEMPORARY, reason);
		}

		static Outcome permanent(String reason) {
			return new Outcome(Result.PERMANENT, reason);
		}

	}

}
