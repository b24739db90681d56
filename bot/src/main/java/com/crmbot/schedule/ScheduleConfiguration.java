package com.crmbot.schedule;

import com.crmbot.config.ConfigService;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the workflow job with Quartz, every {@code reminders.dispatchIntervalSeconds}
 * of {@code workflow.yaml} (read at startup).
 */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

	static final String JOB = "workflow-dispatch";

	@Bean
	JobDetail workflowJobDetail() {
		return JobBuilder.newJob(WorkflowJob.class).withIdentity(JOB).storeDurably().build();
	}

	@Bean
	Trigger workflowTrigger(JobDetail workflowJobDetail, ConfigService config) {
		int seconds = config.get().workflow().reminders().dispatchIntervalSeconds();
		return TriggerBuilder.newTrigger()
			.forJob(workflowJobDetail)
			.withIdentity(JOB + "-trigger")
			.withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(seconds)
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

}
