package com.crmbot.connector.dingtalk;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.crmbot.connector.InboundLedger;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.UserDirectory;
import com.crmbot.connector.outbox.Outbox;
import com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.dingtalk.open.app.api.security.AuthClientCredential;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Registers DingTalk only when {@code crmbot.dingtalk.enabled=true}: then the settings
 * are bound and validated (missing secrets fail the start-up with the key to set), the
 * connector joins the outbox, and either the HTTP callback ({@code mode: http}) or the
 * Stream client ({@code mode: stream}) receives messages.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "crmbot.dingtalk.enabled", havingValue = "true")
@EnableConfigurationProperties(DingTalkProperties.class)
public class DingTalkConfiguration {

	private static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfAvailable(Clock::systemDefaultZone);
	}

	@Bean
	DingTalkApi dingTalkApi(DingTalkProperties props, ObjectProvider<Clock> clock) {
		return new DingTalkApi(props, clock(clock));
	}

	@Bean
	DingTalkAccounts dingTalkAccounts(DingTalkProperties props, DingTalkApi api,
			org.springframework.core.env.Environment env) {
		return new DingTalkAccounts(props, api, env.getProperty("crmbot.dingtalk.cool-app-code"));
	}

	@Bean
	DingTalkMediaDownloader dingTalkMediaDownloader(DingTalkApi api) {
		return new DingTalkMediaDownloader(api);
	}

	@Bean
	DingTalkSessionStore dingTalkSessionStore(org.springframework.data.mongodb.core.MongoTemplate mongo) {
		return new DingTalkSessionStore(mongo);
	}

	@Bean
	DingTalkConnector dingTalkConnector(DingTalkProperties props, DingTalkApi api, DingTalkSessionStore sessions,
			ObjectProvider<Clock> clock) {
		return new DingTalkConnector(props, api, sessions, clock(clock));
	}

	@Bean
	DingTalkPusher dingTalkPusher(Outbox outbox) {
		return new DingTalkPusher(outbox);
	}

	@Bean(destroyMethod = "shutdown")
	ThreadPoolExecutor dingTalkInboundExecutor() {
		AtomicInteger n = new AtomicInteger();
		return new ThreadPoolExecutor(2, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), (r) -> {
			Thread t = new Thread(r, "dingtalk-inbound-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
	}

	@Bean
	DingTalkInboundProcessor dingTalkInboundProcessor(InboundMessageHandler handler, UserDirectory directory,
			InboundLedger ledger, Outbox outbox, DingTalkSessionStore sessions, DingTalkConnector connector,
			ObjectProvider<Clock> clock) {
		return new DingTalkInboundProcessor(handler, directory, ledger, outbox, sessions, connector, clock(clock));
	}

	@Bean
	DingTalkInboundRecovery dingTalkInboundRecovery(DingTalkInboundProcessor processor) {
		return new DingTalkInboundRecovery(processor, java.time.Duration.ofSeconds(30));
	}

	@Bean
	@ConditionalOnProperty(name = "crmbot.dingtalk.mode", havingValue = "http", matchIfMissing = true)
	DingTalkCallbackHandler dingTalkCallbackHandler(DingTalkProperties props, DingTalkInboundProcessor processor,
			ThreadPoolExecutor dingTalkInboundExecutor, ObjectProvider<Clock> clock) {
		return new DingTalkCallbackHandler(props, processor, dingTalkInboundExecutor, clock(clock));
	}

	@Bean
	@ConditionalOnProperty(name = "crmbot.dingtalk.mode", havingValue = "http", matchIfMissing = true)
	RouterFunction<ServerResponse> dingTalkCallbackRoute(DingTalkProperties props, DingTalkCallbackHandler handler) {
		return RouterFunctions.route().POST(props.callbackPath(), handler::handle).build();
	}

	@Bean
	@ConditionalOnProperty(name = "crmbot.dingtalk.mode", havingValue = "stream")
	DingTalkStreamListener dingTalkStreamListener(DingTalkInboundProcessor processor,
			ThreadPoolExecutor dingTalkInboundExecutor, ObjectProvider<Clock> clock) {
		return new DingTalkStreamListener(processor, dingTalkInboundExecutor, clock(clock));
	}

	@Bean
	@ConditionalOnProperty(name = "crmbot.dingtalk.mode", havingValue = "stream")
	DingTalkStreamRunner dingTalkStreamRunner(DingTalkProperties props, DingTalkStreamListener listener,
			ObjectProvider<Clock> clock) {
		return new DingTalkStreamRunner(
				() -> OpenDingTalkStreamClientBuilder.custom()
					.credential(new AuthClientCredential(props.key(), props.secret()))
					.registerCallbackListener(DingTalkStreamTopics.BOT_MESSAGE_TOPIC, listener)
					.keepAlive(com.dingtalk.open.app.api.KeepAliveOption.create()
						.withKeepAliveIdleMill(props.streamKeepAlive().toMillis()))
					.build(),
				listener, clock(clock), props.streamSilenceTimeout(), props.streamWatchdogInterval(),
				new DingTalkStreamLiveness(), props.streamDisconnectGrace());
	}

}
