package com.crmbot.care;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.support.SharedStoreInstances;
import com.crmbot.customer.Customer;
import com.crmbot.mail.MailMessage;
import com.crmbot.mail.MailQueue;
import com.crmbot.mail.OptOuts;
import com.crmbot.schedule.WorkflowTicker;
import com.crmbot.support.ConfigCopy;
import com.crmbot.task.Task;
import com.crmbot.task.TestClockConfig;
import com.crmbot.task.WorkflowTestSupport;
import com.crmbot.testsupport.MutableClock;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly care campaign over 1,000 dormant customers (plus opted-out, address-less
 * and active ones) with two application instances on one store, real GreenMail SMTP and
 * the shared test clock. On the 1st at 10:00 the campaign queues once; sending is
 * throttled per minute (the clock is frozen, so the first minute's budget stops it); the
 * instance that was sending goes away mid-campaign and a restarted one finishes. Exactly
 * 1,000 mails arrive, each with its own coupon and unsubscribe headers, none to an
 * opted-out address, none twice; a second run that month sends nothing; the supervisors'
 * summaries arrive in chat once.
 */
class CareCampaignTwoInstancesTest {

	private static final int DORMANT = 1000;

	private static final int RATE = 400;

	private SharedStoreInstances instances;

	private GreenMail greenMail;

	@AfterEach
	void stop() {
		if (instances != null) {
			instances.close();
		}
		if (greenMail != null) {
			greenMail.stop();
		}
	}

	private ConfigurableApplicationContext start(String name, Path config) {
		return instances.start("care-" + name, config, "--spring.quartz.auto-startup=false",
				"--crmbot.outbox.background=false", "--crmbot.mail.host=127.0.0.1",
				"--crmbot.mail.port=" + greenMail.getSmtp().getPort(), "--crmbot.mail.from=care@example.com",
				"--crmbot.mail.base-url=http://bot.example.com", "--crmbot.mail.rate-per-minute=" + RATE,
				"--crmbot.mail.lease=150s", "--crmbot.mail.poll-interval=50ms", "--crmbot.mail.workers=2");
	}

	private static Path config() {
		return ConfigCopy.of(Path.of("../config"), Map.of());
	}

	@Test
	void theFirstOfTheMonthMailsEveryDormantCustomerExactlyOnceAcrossInstancesAndRestarts() throws Exception {
		greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		greenMail.start();
		instances = new SharedStoreInstances();
		Path config = config();
		MutableClock clock = WorkflowTestSupport.CLOCK;
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		Instant firstAt959 = ZonedDateTime.of(2026, 12, 1, 9, 59, 0, 0, zone).toInstant();
		clock.set(firstAt959);

		ConfigurableApplicationContext a = start("a", config);
		MongoTemplate mongo = a.getBean(MongoTemplate.class);
		Instant longAgo = firstAt959.minus(Duration.ofDays(200));
		Instant recent = firstAt959.minus(Duration.ofDays(3));
		String[] owners = { "zhangsan", "lisi", "sunli" };
		List<Customer> customers = new ArrayList<>();
		Set<String> optedOut = new HashSet<>();
		for (int i = 0; i < DORMANT + 80; i++) {
			String email = "c" + i + "@customers.example.com";
			boolean active = i >= DORMANT + 50; // 30 more: contacted recently
			boolean noAddress = i >= DORMANT + 30 && !active;
			if (i >= DORMANT && i < DORMANT + 30) {
				optedOut.add(email);
			}
			String owner = owners[i % owners.length];
			String dept = owner.equals("sunli") ? "south" : "east";
			Instant contact = active ? recent : longAgo;
			customers.add(new Customer(new ObjectId().toHexString(), "关怀客户" + i + "有限公司", "关怀客户" + i + "有限公司",
					"care" + i, null, "客户" + i, "经理", null, null, null, null, null, owner, dept, "线索", List.of(),
					noAddress ? Map.of() : Map.of("email", email), 0, longAgo, longAgo, contact, "test", null, null,
					null));
		}
		mongo.insertAll(customers);
		OptOuts optOuts = a.getBean(OptOuts.class);
		optedOut.forEach((e) -> optOuts.optOut(e, "test"));

		// 09:59: the campaign's time has not come
		a.getBean(WorkflowTicker.class).tick();
		assertThat(mongo.count(new Query(), MailMessage.class)).isZero();

		// 10:00 on the 1st: instance A queues the campaign (and the nightly run made care
		// tasks); B starts and ticks too
		clock.set(firstAt959.plus(Duration.ofMinutes(1)));
		a.getBean(WorkflowTicker.class).tick();
		ConfigurableApplicationContext b = start("b", config);
		b.getBean(WorkflowTicker.class).tick();
		assertThat(mongo.count(new Query(), MailMessage.class)).isEqualTo(DORMANT);
		assertThat(mongo.count(Query.query(Criteria.where("source").is("care")), Task.class)).isEqualTo(DORMANT + 50);

		// the first minute's budget is spent across both instances, then sending waits
		waitFor(() -> greenMail.getReceivedMessages().length >= RATE, 60_000);
		Thread.sleep(500);
		assertThat(greenMail.getReceivedMessages()).hasSize(RATE);

		// A goes away mid-campaign; C starts in its place (a restart)
		a.close();
		ConfigurableApplicationContext c = start("c", config);
		c.getBean(WorkflowTicker.class).tick();
		MongoTemplate store = c.getBean(MongoTemplate.class);
		MailQueue queue = c.getBean(MailQueue.class);
		long deadline = System.currentTimeMillis() + 180_000;
		int last = -1;
		while (queue.unfinished("2026-12") > 0 && System.currentTimeMillis() < deadline) {
			Thread.sleep(300);
			int now = greenMail.getReceivedMessages().length;
			boolean sending = store.exists(Query.query(Criteria.where("status").is(MailMessage.Status.SENDING)),
					MailMessage.class);
			if (now == last && !sending) {
				// the minute's budget is spent (or A's leases are waiting to expire):
				// next
				// minute
				clock.advance(Duration.ofMinutes(1));
			}
			last = now;
		}
		assertThat(queue.unfinished("2026-12")).isZero();

		MimeMessage[] got = greenMail.getReceivedMessages();
		assertThat(got).hasSize(DORMANT);
		Set<String> to = new HashSet<>();
		Set<String> codes = new HashSet<>();
		Pattern coupon = Pattern.compile("CARE-[2-9A-Z]{4}-[2-9A-Z]{4}");
		for (MimeMessage m : got) {
			to.add(m.getAllRecipients()[0].toString());
			assertThat(m.getHeader("List-Unsubscribe")[0]).startsWith("<http://bot.example.com/mail/unsubscribe?t=");
			assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
			Matcher cm = coupon.matcher(GreenMailUtil.getBody(m));
			assertThat(cm.find()).isTrue();
			codes.add(cm.group());
		}
		assertThat(to).hasSize(DORMANT).doesNotContainAnyElementsOf(optedOut);
		assertThat(codes).hasSize(DORMANT);
		assertThat(store.count(new Query(), Coupon.class)).isEqualTo(DORMANT);

		// a second run this month (both instances, later ticks, after the restart) sends
		// nothing
		clock.advance(Duration.ofDays(2));
		b.getBean(WorkflowTicker.class).tick();
		c.getBean(WorkflowTicker.class).tick();
		assertThat(c.getBean(CareCampaign.class).run(java.time.YearMonth.of(2026, 12))).isEqualTo(-1);
		Thread.sleep(300);
		assertThat(greenMail.getReceivedMessages()).hasSize(DORMANT);
		assertThat(store.count(new Query(), MailMessage.class)).isEqualTo(DORMANT);

		// supervisors' summaries arrive in chat once: east (zhao) and south (qian)
		c.getBean(com.crmbot.connector.outbox.Outbox.class).drain();
		b.getBean(com.crmbot.connector.outbox.Outbox.class).drain();
		List<String> zhao = inbox(store, "zhao");
		List<String> qian = inbox(store, "qian");
		assertThat(zhao).hasSize(1);
		assertThat(qian).hasSize(1);
		int east = (int) customers.stream().limit(DORMANT).filter((x) -> !x.ownerId().equals("sunli")).count();
		assertThat(zhao.get(0)).contains("2026-12", "华东销售部", "已发送：" + east, "已退订", "无邮箱", "发送失败：0");
		assertThat(qian.get(0)).contains("已发送：" + (DORMANT - east));

		// a coupon is single-use
		String code = codes.iterator().next();
		Coupons coupons = c.getBean(Coupons.class);
		assertThat(coupons.redeem(code, "zhangsan")).isPresent();
		assertThat(coupons.redeem(code, "lisi")).isEmpty();
	}

	private static List<String> inbox(MongoTemplate store, String user) {
		List<String> out = new ArrayList<>();
		store.find(Query.query(Criteria.where("_id").regex("^care-summary:")), org.bson.Document.class, "local_inbox")
			.stream()
			.filter((d) -> String.valueOf(d.get("userKey")).contains(user))
			.forEach((d) -> out.add(((org.bson.Document) d.get("reply")).getString("text")));
		return out;
	}

	private static void waitFor(java.util.function.BooleanSupplier cond, long millis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + millis;
		while (!cond.getAsBoolean() && System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
		}
	}

}
