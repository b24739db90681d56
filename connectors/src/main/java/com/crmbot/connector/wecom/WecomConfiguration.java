package com.crmbot.connector.wecom;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.crmbot.connector.InboundLedger;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.outbox.Outbox;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Registers the WeCom connector only when {@code crmbot.wecom.enabled=true}; otherwise
 * nothing here (and none of its secrets) is required.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "crmbot.wecom.enabled", havingValue = "true")
@EnableConfigurationProperties(WecomProperties.class)
class WecomConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WecomConfiguration.class);

	@Bean
	WecomCrypto wecomCrypto(WecomProperties props) {
		log.info("wecom: enabled, {}", props);
		return new WecomCrypto(props.token(), props.encodingAesKey(), props.corpId(), new SecureRandom());
	}

	@Bean
	WxCpService wecomWxCpService(WecomProperties props) {
		return newWxCpService(props);
	}

	/** The real WxJava client, pointed at the configured base URL. */
	static WxCpService newWxCpService(WecomProperties props) {
		WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
		config.setCorpId(props.corpId());
		config.setCorpSecret(props.secret());
		config.setAgentId(props.agentId());
		config.setToken(props.token());
		config.setAesKey(props.encodingAesKey());
		config.setBaseApiUrl(props.apiBaseUrl().replaceAll("/+$", ""));
		WxCpServiceImpl service = new WxCpServiceImpl();
		service.setWxCpConfigStorage(config);
		// WxJava turns every error into a code-less WxRuntimeException once maxRetryTimes
		// is
		// exceeded, so keep 1: a -1 is retried once after 200 ms here, then by the
		// outbox's
		// backoff; other codes reach WecomConnector.classify intact
		service.setMaxRetryTimes(1);
		service.setRetrySleepMillis(200);
		return service;
	}

	@Bean
	WecomAccounts wecomAccounts(WecomProperties props, WxCpService wecomWxCpService, ObjectProvider<Clock> clock) {
		return new WecomAccounts(props, wecomWxCpService, clock.getIfAvailable(Clock::systemDefaultZone));
	}

	@Bean
	WecomMediaDownloader wecomMediaDownloader(WxCpService wecomWxCpService, WecomProperties props) {
		return new WecomMediaDownloader(wecomWxCpService, props);
	}

	@Bean
	WecomConnector wecomConnector(WecomProperties props, WxCpService wecomWxCpService, ObjectProvider<Clock> clock) {
		return new WecomConnector(props, wecomWxCpService, clock.getIfAvailable(Clock::systemDefaultZone));
	}

	@Bean(destroyMethod = "close")
	WecomKfPuller wecomKfPuller(WxCpService wecomWxCpService, MongoTemplate mongo, InboundLedger ledger,
			InboundMessageHandler handler, ObjectProvider<Clock> clock, WecomProperties props) {
		// its own scheduler, not a bean: a ScheduledExecutorService bean would become
		// the default scheduler of every @Scheduled method
		return new WecomKfPuller(wecomWxCpService, mongo, ledger, handler,
				clock.getIfAvailable(Clock::systemDefaultZone), props.kfRetryBackoff(), props.kfRetryAttempts(),
				Executors.newSingleThreadScheduledExecutor((r) -> {
					Thread t = new Thread(r, "wecom-kf-retry");
					t.setDaemon(true);
					return t;
				}));
	}

	@Bean
	WecomInboundProcessor wecomInboundProcessor(WecomProperties props, InboundLedger ledger,
			InboundMessageHandler handler, WxCpService wecomWxCpService, WecomKfPuller kf, @Lazy Outbox outbox,
			ObjectProvider<Clock> clock) {
		return new WecomInboundProcessor(props, ledger, handler, wecomWxCpService, kf, outbox,
				clock.getIfAvailable(Clock::systemDefaultZone));
	}

	@Bean
	WecomInboundRecovery wecomInboundRecovery(InboundLedger ledger, WecomInboundProcessor processor,
			WecomProperties props, ObjectProvider<Clock> clock) {
		return new WecomInboundRecovery(ledger, processor, clock.getIfAvailable(Clock::systemDefaultZone),
				props.recoveryInterval());
	}

	@Bean
	WecomInboundBatcher wecomInboundBatcher(WecomInboundProcessor processor, InboundLedger ledger, @Lazy Outbox outbox,
			@org.springframework.beans.factory.annotation.Qualifier("wecomInboundExecutor") ExecutorService executor,
			WecomProperties props) {
		return new WecomInboundBatcher(processor, ledger, outbox, executor, props.inboundThreads(), 32, 10_000);
	}

	@Bean(destroyMethod = "shutdown")
	ExecutorService wecomInboundExecutor(WecomProperties props) {
		AtomicInteger n = new AtomicInteger();
		return new ThreadPoolExecutor(props.inboundThreads(), props.inboundThreads(), 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(1000), (r) -> {
					Thread t = new Thread(r, "wecom-inbound-" + n.incrementAndGet());
					t.setDaemon(true);
					return t;
				});
	}

}
