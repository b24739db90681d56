package com.crmbot.schedule;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** Runs every {@link ScheduledWork}; one failing does not stop the others. */
@Component
public class WorkflowTicker {

	private static final Logger log = LoggerFactory.getLogger(WorkflowTicker.class);

	private final List<ScheduledWork> work;

	WorkflowTicker(List<ScheduledWork> work) {
		this.work = work;
	}

	public void tick() {
		for (ScheduledWork w : work) {
			try {
				w.runDue();
			}
			catch (RuntimeException ex) {
				log.warn("workflow: {} failed: {}", w.getClass().getSimpleName(), ex.toString());
			}
		}
	}

}
