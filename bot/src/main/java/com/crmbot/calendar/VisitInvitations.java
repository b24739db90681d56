package com.crmbot.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.TimezoneAssignment;
import biweekly.parameter.ParticipationStatus;
import biweekly.parameter.Role;
import biweekly.property.Attendee;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.Status;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.customer.Customer;
import com.crmbot.task.Task;
import com.crmbot.task.TaskService;
import com.crmbot.template.TemplateService;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * E-mails a customer an invitation (an {@code .ics} with {@code METHOD:REQUEST}) for a
 * visit, when e-mail is configured ({@code spring.mail.host}); the same UID as in the
 * rep's feed, the rep as ORGANIZER, the customer as ATTENDEE. A rescheduled visit sends
 * an update with the next SEQUENCE.
 */
@Service
class VisitInvitations {

	private static final Logger log = LoggerFactory.getLogger(VisitInvitations.class);

	private final ObjectProvider<JavaMailSender> mail;

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final TemplateService templates;

	private final CalendarProperties props;

	private final Clock clock;

	VisitInvitations(ObjectProvider<JavaMailSender> mail, MongoTemplate mongo, ConfigService config,
			TemplateService templates, CalendarProperties props, Clock clock) {
		this.mail = mail;
		this.mongo = mongo;
		this.config = config;
		this.templates = templates;
		this.props = props;
		this.clock = clock;
	}

	boolean enabled() {
		return mail.getIfAvailable() != null;
	}

	/** The customer's e-mail address (the {@code email} customer field), if any. */
	static Optional<String> emailOf(Customer c) {
		Object v = (c != null) ? c.fields().get("email") : null;
		String s = (v != null) ? v.toString().strip() : "";
		return s.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") ? Optional.of(s) : Optional.empty();
	}

	/**
	 * Send (or re-send) the invitation; throws {@link MailException} when sending fails.
	 */
	CalendarInvite send(Task task, Customer customer, String email) {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			throw new IllegalStateException("e-mail is not configured");
		}
		CalendarInvite before = mongo.findById(task.id(), CalendarInvite.class);
		int sequence = (before != null) ? before.sequence() + 1 : 0;
		User owner = config.get().user(task.ownerId()).orElseThrow();
		String locale = owner.localeOrDefault();
		String summary = templates.reply(locale, "invite-summary",
				Map.of("title", task.title(), "owner", owner.name(), "customer", customer.name()));
		String ics = ics(task, owner, customer, email, summary, sequence);
		try {
			MimeMessage m = sender.createMimeMessage();
			MimeMessageHelper h = new MimeMessageHelper(m, true, "UTF-8");
			h.setFrom(props.mailFrom());
			if (owner.email() != null) {
				h.setReplyTo(owner.email());
			}
			h.setTo(email);
			h.setSubject(summary);
			h.setText(templates.reply(locale, "invite-mail",
					Map.of("contact", (customer.contact() != null) ? customer.contact() : customer.name(), "title",
							task.title(), "when", ReminderTimes.format(task, config.get().workflow().zone()), "owner",
							owner.name())));
			h.addAttachment("invite.ics", new ByteArrayResource(ics.getBytes(StandardCharsets.UTF_8)),
					"text/calendar; charset=UTF-8; method=REQUEST");
			sender.send(m);
		}
		catch (MessagingException ex) {
			throw new org.springframework.mail.MailPreparationException(ex.getMessage(), ex);
		}
		CalendarInvite sent = new CalendarInvite(task.id(), email, sequence, clock.instant());
		mongo.save(sent);
		log.info("calendar: invitation for task {} sent (sequence {})", task.id(), sequence);
		return sent;
	}

	private String ics(Task task, User owner, Customer customer, String email, String summary, int sequence) {
		ICalendar ical = new ICalendar();
		ical.setProductId(CalendarFeed.PRODID);
		ical.setMethod(Method.request());
		var zone = config.get().workflow().zone();
		ical.getTimezoneInfo()
			.setDefaultTimezone(
					new TimezoneAssignment(TimeZone.getTimeZone(zone), TimeZones.vtimezone(zone, clock.instant())));
		VEvent v = new VEvent();
		v.setUid("task-" + task.id() + "@crm-bot");
		v.setDateTimeStamp(Date.from(clock.instant()));
		v.setSequence(sequence);
		v.setDateStart(Date.from(task.dueAt()), true);
		v.setDateEnd(Date.from(task.dueAt().plus(Duration.ofHours(1))), true);
		v.setSummary(summary);
		v.setStatus(Status.confirmed());
		Organizer organizer = new Organizer(owner.name(), (owner.email() != null) ? owner.email() : props.mailFrom());
		v.setOrganizer(organizer);
		Attendee a = new Attendee(customer.contact(), email);
		a.setRole(Role.ATTENDEE);
		a.setParticipationStatus(ParticipationStatus.NEEDS_ACTION);
		a.setRsvp(true);
		v.addAttendee(a);
		ical.addEvent(v);
		return CalendarFeed.write(ical);
	}

	/** A visit that was already sent moves: send the update. */
	@EventListener
	void rescheduled(TaskService.TaskRescheduled event) {
		Task t = event.task();
		CalendarInvite invite = mongo.findById(t.id(), CalendarInvite.class);
		if (invite == null || !enabled()) {
			return;
		}
		Customer c = (t.customerId() != null) ? mongo.findById(t.customerId(), Customer.class) : null;
		if (c == null) {
			return;
		}
		try {
			send(t, c, invite.attendee());
		}
		catch (MailException | IllegalStateException ex) {
			log.warn("calendar: updated invitation for task {} not sent: {}", t.id(), ex.getMessage());
		}
	}

	/** Formats a task's time for the mail text. */
	static final class ReminderTimes {

		private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
			.ofPattern("yyyy-MM-dd HH:mm");

		private ReminderTimes() {
		}

		static String format(Task t, java.time.ZoneId zone) {
			return WHEN.format(t.dueAt().atZone(zone)) + " (" + zone.getId() + ")";
		}

	}

}
