package com.crmbot.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.Platform;
import com.crmbot.connector.Reply;
import com.crmbot.task.Task;
import com.crmbot.task.WorkflowTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar feed end to end: a task created in chat appears in the subscriber's feed,
 * a reschedule updates the same event (SEQUENCE up), done cancels it, revoking the token
 * makes the old URL a 404. Every fetched file is parsed with biweekly and checked against
 * the RFC 5545 rules Outlook and Google rely on.
 */
class CalendarFeedTest extends WorkflowTestSupport {

	private static final Pattern FEED_URL = Pattern.compile("/calendar/([A-Za-z0-9_-]+)\\.ics");

	@Autowired
	InboundMessageHandler bot;

	@Override
	protected void extraCleanup() {
		super.extraCleanup();
		mongo.remove(new Query(), CalendarToken.COLLECTION);
		mongo.remove(new Query(), CalendarEntry.COLLECTION);
	}

	@BeforeEach
	void customer() {
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
	}

	private String subscribe(String user, String command) {
		String reply = sayText(user, command);
		Matcher m = FEED_URL.matcher(reply);
		assertThat(m.find()).as(reply).isTrue();
		return m.group();
	}

	private String fetch(String path) {
		Response r = get(path);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		String ics = r.body();
		checkRfc5545(ics);
		return ics;
	}

	private Task onlyTask() {
		List<Task> all = mongo.findAll(Task.class);
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	private static VEvent event(String ics, String uid) {
		ICalendar ical = Biweekly.parse(ics).first();
		return ical.getEvents()
			.stream()
			.filter((e) -> e.getUid().getValue().equals(uid))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no event " + uid + " in\n" + ics));
	}

	@Test
	void aTaskCreatedInChatAppearsIsUpdatedWhenRescheduledAndCancelledWhenDone() {
		String url = subscribe("zhangsan", "/日历");
		assertThat(sayText("zhangsan", "/calendar")).contains("已有日历订阅").doesNotContain("/calendar/");

		String before = fetch(url);
		assertThat(before).contains("BEGIN:VCALENDAR\r\n", "跟进截止").doesNotContain("拜访王总");

		assertThat(sayText("zhangsan", "/task 恒通 拜访王总,带样品;确认型号 明天下午3点 urgent")).contains("已创建任务");
		Task t = onlyTask();
		String uid = "task-" + t.id() + "@crm-bot";
		String created = fetch(url);
		// escaping of , and ; in TEXT values (RFC 5545 3.3.11)
		String unfolded = created.replace("\r\n ", "");
		assertThat(unfolded).contains("拜访王总\\,带样品\\;确认型号");
		assertThat(unfolded).contains("DTSTART;TZID=Asia/Shanghai:20261203T150000",
				"DTEND;TZID=Asia/Shanghai:20261203T160000", "CATEGORIES:VISIT", "BEGIN:VALARM",
				"TRIGGER;RELATED=START:-PT15M");
		VEvent e = event(created, uid);
		assertThat(e.getDateStart().getValue().toInstant()).isEqualTo(START.plusDays(1).withHour(15).toInstant());
		assertThat(e.getSequence().getValue()).isZero();
		assertThat(e.getStatus().isConfirmed()).isTrue();
		assertThat(e.getAlarms()).hasSize(1);
		assertThat(e.getSummary().getValue()).startsWith("🚗 拜访 苏州恒通机械有限公司");
		// fetching again changes nothing
		assertThat(event(fetch(url), uid).getSequence().getValue()).isZero();

		advance(Duration.ofMinutes(5));
		String id = t.id().substring(t.id().length() - 6);
		assertThat(sayText("zhangsan", "/reschedule " + id + " 2026-12-05 10:30")).contains("2026-12-05 10:30");
		VEvent moved = event(fetch(url), uid);
		assertThat(moved.getDateStart().getValue().toInstant())
			.isEqualTo(START.withDayOfMonth(5).withHour(10).withMinute(30).toInstant());
		assertThat(moved.getSequence().getValue()).isEqualTo(1);
		assertThat(moved.getLastModified().getValue().toInstant()).isEqualTo(CLOCK.instant());
		assertThat(moved.getDateTimeStamp().getValue().toInstant()).isEqualTo(CLOCK.instant());
		assertThat(moved.getCreated().getValue().toInstant()).isEqualTo(START.toInstant());

		advance(Duration.ofMinutes(5));
		assertThat(sayText("zhangsan", "/done " + id)).contains("完成");
		VEvent done = event(fetch(url), uid);
		assertThat(done.getStatus().isCancelled()).isTrue();
		assertThat(done.getSequence().getValue()).isEqualTo(2);
		assertThat(done.getAlarms()).isEmpty();

		// after keepCancelledDays the cancelled event leaves the feed
		advance(Duration.ofDays(31));
		assertThat(fetch(url)).doesNotContain(uid);

		// no e-mail configured in this context: no invitations
		assertThat(sayText("zhangsan", "/invite " + id)).contains("未配置邮件");

		// another user's feed never shows it
		String lisi = subscribe("lisi", "/calendar");
		assertThat(fetch(lisi)).doesNotContain("恒通");
	}

	@Test
	void revokingOrRenewingTheTokenMakesTheOldUrlA404() {
		String first = subscribe("zhangsan", "/calendar");
		fetch(first);
		String second = subscribe("zhangsan", "/calendar new");
		assertThat(second).isNotEqualTo(first);
		assertThat(get(first).status()).isEqualTo(404);
		fetch(second);
		assertThat(sayText("zhangsan", "/日历 关闭")).contains("已停用");
		assertThat(get(second).status()).isEqualTo(404);
		assertThat(sayText("zhangsan", "/calendar off")).contains("还没有日历订阅");
		assertThat(get("/calendar/not-a-token.ics").status()).isEqualTo(404);
		// only a hash is stored
		assertThat(mongo.findAll(CalendarToken.class)).isEmpty();
		String third = subscribe("zhangsan", "/calendar");
		CalendarToken stored = mongo.findAll(CalendarToken.class).get(0);
		String token = third.substring("/calendar/".length(), third.length() - ".ics".length());
		assertThat(stored.tokenHash()).isEqualTo(CalendarTokens.hash(token)).doesNotContain(token);
	}

	@Test
	void inAGroupTheUrlGoesToTheUserPrivately() {
		List<Reply> replies = bot.handle(new ChatMessage("grp-" + System.nanoTime(), Platform.LOCAL, "group-1",
				"zhangsan", "/calendar", java.time.Instant.now(), null, true, null, null));
		assertThat(replies).singleElement()
			.satisfies((r) -> assertThat(r.text()).contains("私信").doesNotContain("/calendar/"));
		outbox.drain();
		Matcher m = FEED_URL.matcher(inbox("zhangsan"));
		assertThat(m.find()).isTrue();
		fetch(m.group());
	}

	@Test
	void approvalsWaitingForMeAndUrgentAlarmsAreInMyFeed() {
		assertThat(sayText("zhangsan", "/deal 恒通 300000")).contains("A1");
		String url = subscribe("boss", "/calendar");
		String ics = fetch(url);
		assertThat(ics).contains("CATEGORIES:APPROVAL", "恒通", "300000");
		VEvent approval = Biweekly.parse(ics)
			.first()
			.getEvents()
			.stream()
			.filter((e) -> e.getUid().getValue().startsWith("approval-"))
			.findFirst()
			.orElseThrow();
		// due when its reminder would go out (remindEveryMinutes after the step started)
		assertThat(approval.getDateStart().getValue().toInstant()).isEqualTo(START.plusHours(4).toInstant());
	}

	/**
	 * The RFC 5545 rules calendar clients depend on: VERSION and PRODID, CRLF line ends,
	 * lines of at most 75 octets, UID and DTSTAMP on every event, every DTSTART/DTEND
	 * either UTC or with a TZID whose VTIMEZONE is in the file (no floating times).
	 */
	static void checkRfc5545(String ics) {
		assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
		assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
		for (String line : ics.split("\r\n")) {
			assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
		}
		List<String> lines = new ArrayList<>();
		for (String physical : ics.split("\r\n")) {
			if (physical.startsWith(" ") || physical.startsWith("\t")) {
				lines.set(lines.size() - 1, lines.get(lines.size() - 1) + physical.substring(1));
			}
			else {
				lines.add(physical);
			}
		}
		assertThat(lines).contains("VERSION:2.0");
		assertThat(lines).anyMatch((l) -> l.startsWith("PRODID:"));
		Set<String> tzids = new HashSet<>();
		boolean inTimezone = false;
		int events = 0;
		Set<String> eventProps = new HashSet<>();
		List<String> timeRefs = new ArrayList<>();
		for (String l : lines) {
			if (l.equals("BEGIN:VTIMEZONE")) {
				inTimezone = true;
			}
			else if (l.equals("END:VTIMEZONE")) {
				inTimezone = false;
			}
			else if (inTimezone && l.startsWith("TZID:")) {
				tzids.add(l.substring(5));
			}
			else if (l.equals("BEGIN:VEVENT")) {
				events++;
				eventProps.clear();
			}
			else if (l.equals("END:VEVENT")) {
				assertThat(eventProps).contains("UID", "DTSTAMP", "DTSTART", "SUMMARY");
			}
			else if (!inTimezone) {
				String name = l.split("[;:]", 2)[0];
				eventProps.add(name);
				if (name.equals("DTSTART") || name.equals("DTEND") || name.equals("DTSTAMP")
						|| name.equals("LAST-MODIFIED") || name.equals("CREATED")) {
					timeRefs.add(l);
				}
			}
		}
		for (String l : timeRefs) {
			Matcher tz = Pattern.compile(";TZID=([^:;]+)").matcher(l);
			if (tz.find()) {
				assertThat(tzids).as(l).contains(tz.group(1));
			}
			else {
				assertThat(l).as("no floating time").endsWith("Z");
			}
		}
		ICalendar parsed = Biweekly.parse(ics).first();
		assertThat(parsed).isNotNull();
		assertThat(parsed.getEvents()).hasSize(events);
		assertThat(parsed.getProductId().getValue()).isEqualTo(CalendarFeed.PRODID);
		assertThat(parsed.getTimezoneInfo().getComponents()).hasSize(1);
		var warnings = parsed.validate(biweekly.ICalVersion.V2_0);
		String problems = warnings.isEmpty() ? "" : warnings.toString();
		if (events == 0 && lines.contains("BEGIN:VTIMEZONE")) {
			// biweekly files a parsed VTIMEZONE away from the components; for RFC 5545 it
			// is
			// the one component an empty schedule has
			problems = problems.replace("[ICalendar]: (4) An iCalendar object must have at least one component.", "")
				.replaceAll("[\\[\\]\\s]", "");
		}
		assertThat(problems).isEmpty();
	}

}
