package com.crmbot.mail;

import java.util.List;

import com.crmbot.care.Coupon;
import com.crmbot.task.WorkflowTestSupport;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The workflow test base (mutable clock, config copy) with a real SMTP server: GreenMail
 * on a random port, which {@code crmbot.mail.*} points at. Mails are delivered by
 * {@link MailQueue#drain()} (no background senders), so tests are deterministic.
 */
public abstract class MailTestSupport extends WorkflowTestSupport {

	protected static final GreenMail GREEN_MAIL = start();

	private static GreenMail start() {
		GreenMail g = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		g.start();
		return g;
	}

	@DynamicPropertySource
	static void mailProperties(DynamicPropertyRegistry registry) {
		registry.add("crmbot.mail.host", () -> "127.0.0.1");
		registry.add("crmbot.mail.port", () -> GREEN_MAIL.getSmtp().getPort());
		registry.add("crmbot.mail.from", () -> "crm@example.com");
		registry.add("crmbot.mail.background", () -> "false");
		registry.add("crmbot.mail.base-url", () -> "http://bot.example.com");
	}

	@BeforeEach
	void resetMail() throws Exception {
		GREEN_MAIL.purgeEmailFromAllMailboxes();
	}

	@Override
	protected void extraCleanup() {
		super.extraCleanup();
		for (String c : List.of(MailMessage.COLLECTION, MailDraft.COLLECTION, OptOuts.OptOut.COLLECTION, "mail_rate",
				Coupon.COLLECTION, "care_skips", "job_runs", "dormant")) {
			mongo.remove(new Query(), c);
		}
	}

}
