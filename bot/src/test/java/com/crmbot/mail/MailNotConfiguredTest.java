package com.crmbot.mail;

import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Without SMTP settings the e-mail command says mail is not set up. */
class MailNotConfiguredTest extends BotTestSupport {

	@Test
	void mailCommandsSayMailIsNotSetUp() {
		assertThat(sayText("zhangsan", "/mail 催款 苏州恒通")).contains("邮件尚未配置");
		assertThat(sayText("zhangsan", "/邮件")).contains("邮件尚未配置");
	}

}
