package com.crmbot.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz job: Quartz (in-memory job store) only says "now"; what is due lives in the
 * store, so a restart or a second instance loses nothing and sends nothing twice.
 */
@DisallowConcurrentExecution
public class WorkflowJob extends QuartzJobBean {

	private WorkflowTicker ticker;

	@Autowired
	public void setTicker(WorkflowTicker ticker) {
		this.ticker = ticker;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		ticker.tick();
	}

}
