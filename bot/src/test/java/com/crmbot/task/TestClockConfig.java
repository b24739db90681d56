package com.crmbot.task;

import java.time.Clock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The tests' mutable clock replaces the system clock. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfig {

	@Bean
	@Primary
	Clock testClock() {
		return WorkflowTestSupport.CLOCK;
	}

}
