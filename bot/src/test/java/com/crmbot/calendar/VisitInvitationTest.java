package com.crmbot.calendar;

import java.time.Duration;
import java.util.List;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.crmbot.task.Task;
import com.crmbot.task.WorkflowTestSupport;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With e-mail configured (a real in-process SMTP server, GreenMail), {@code /invite}
 * mails the customer an {@code .ics} with {@code METHOD:REQUEST}; a reschedule mails the
 * update with the next SEQUENCE and the same UID as the rep's feed.
 */
class VisitInvitationTest extends WorkflowTestSupport {

	static final GreenMail MAIL = start();

	private static GreenMail start() {
		GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		mail.start();
		return mail;
	}

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
		registry.add("crmbot.calendar.mail-from", () -> "crm@example.com");
	}

	@Override
	protected void extraCleanup() {
		super.extraCleanup();
		mongo.remove(new Query(), CalendarInvite.COLLECTION);
		mongo.remove(new Query(), CalendarEntry.COLLECTION);
	}

	@BeforeEach
	void customer() throws Exception {
		MAIL.purgeEmailFromAllMailboxes();
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
	}

	private static String ics(MimeMessage m) throws Exception {
		MimeMultipart mp = (MimeMultipart) m.getContent();
		for (int i = 0; i < mp.getCount(); i++) {
			BodyPart p = mp.getBodyPart(i);
			if (p.getContentType().startsWith("text/calendar")) {
				assertThat(p.getContentType()).contains("method=REQUEST");
				return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("no text/calendar part in " + GreenMailUtil.getWholeMessage(m));
	}

	@Test
	void aVisitInvitationIsMailedAndARescheduleMailsTheUpdate() throws Exception {
		assertThat(sayText("zhangsan", "/task 恒通 拜访王总 明天下午3点")).contains("已创建任务");
		Task t = mongo.findAll(Task.class).get(0);
		String id = com.crmbot.task.TaskService.shortId(t.id());
		assertThat(sayText("zhangsan", "/invite " + id)).contains("没有邮箱");
		assertThat(sayText("zhangsan", "/set 恒通 邮箱 wang@hengtong.example")).doesNotContain("无权");
		assertThat(sayText("zhangsan", "/邀请 " + id)).contains("wang@hengtong.example");

		MimeMessage[] mails = MAIL.getReceivedMessages();
		assertThat(mails).hasSize(1);
		assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("wang@hengtong.example");
		String first = ics(mails[0]);
		CalendarFeedTest.checkRfc5545(first);
		assertThat(first).contains("METHOD:REQUEST");
		ICalendar ical = Biweekly.parse(first).first();
		VEvent e = ical.getEvents().get(0);
		assertThat(e.getUid().getValue()).isEqualTo("task-" + t.id() + "@crm-bot");
		assertThat(e.getOrganizer().getEmail()).isEqualTo("zhangsan@example.com");
		assertThat(e.getAttendees()).singleElement().satisfies((a) -> {
			assertThat(a.getEmail()).isEqualTo("wang@hengtong.example");
			assertThat(a.getRsvp()).isTrue();
		});
		assertThat(e.getSequence().getValue()).isZero();
		assertThat(e.getDateStart().getValue().toInstant()).isEqualTo(START.plusDays(1).withHour(15).toInstant());

		advance(Duration.ofMinutes(10));
		assertThat(sayText("zhangsan", "/reschedule " + id + " 2026-12-04 10:00")).contains("2026-12-04 10:00");
		mails = MAIL.getReceivedMessages();
		assertThat(mails).hasSize(2);
		VEvent moved = Biweekly.parse(ics(mails[1])).first().getEvents().get(0);
		assertThat(moved.getUid().getValue()).isEqualTo(e.getUid().getValue());
		assertThat(moved.getSequence().getValue()).isEqualTo(1);
		assertThat(moved.getDateStart().getValue().toInstant())
			.isEqualTo(START.withDayOfMonth(4).withHour(10).toInstant());
		assertThat(List.of(mails)).allSatisfy((m) -> assertThat(m.getSubject()).contains("拜访王总"));
	}

}
