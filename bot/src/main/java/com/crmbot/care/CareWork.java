package com.crmbot.care;

import com.crmbot.schedule.Crons;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;

import com.crmbot.config.ConfigService;
import com.crmbot.config.WorkflowConfig;
import com.crmbot.schedule.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs the nightly dormancy evaluation and the monthly campaign when their cron time (in
 * workflow.yaml's zone, by the injected clock) has come. Checked on every workflow tick,
 * so a run missed while no instance was up (or cut short by a crash) happens on the next
 * tick; the store-backed {@link JobRuns} make each run happen once across instances.
 */
@Component
class CareWork implements ScheduledWork {

	private static final Logger log = LoggerFactory.getLogger(CareWork.class);

	private final ConfigService config;

	private final DormancyService dormancy;

	private final CareCampaign campaign;

	private final JobRuns runs;

	private final Clock clock;

	CareWork(ConfigService config, DormancyService dormancy, CareCampaign campaign, JobRuns runs, Clock clock) {
		this.config = config;
		this.dormancy = dormancy;
		this.campaign = campaign;
		this.runs = runs;
		this.clock = clock;
	}

	@Override
	public void runDue() {
		WorkflowConfig w = config.get().workflow();
		ZoneId zone = w.zone();
		Instant now = clock.instant();
		Crons.latestFire(w.care().nightlyCron(), zone, now.minus(Duration.ofHours(25)), now).ifPresent((fire) -> {
			String id = "nightly:" + LocalDate.ofInstant(fire, zone);
			if (!runs.done(id) && runs.claim(id, Duration.ofMinutes(30))) {
				dormancy.evaluateAll();
				runs.finish(id);
			}
		});
		YearMonth month = YearMonth.from(now.atZone(zone));
		Instant monthStart = month.atDay(1).atStartOfDay(zone).toInstant();
		Optional<Instant> fire = Crons.latestFire(w.care().campaignCron(), zone, monthStart.minusMillis(1), now);
		if (fire.isPresent()) {
			if (!runs.done(CareCampaign.runId(month))) {
				campaign.run(month);
			}
			campaign.summarize(month);
		}
	}

}
