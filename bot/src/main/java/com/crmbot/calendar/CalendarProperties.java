package com.crmbot.calendar;

import com.crmbot.text.Lexicon;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crmbot.calendar.*}: the iCalendar feeds.
 *
 * @param publicUrl the bot's address as calendar clients (Outlook, Google) reach it; feed
 * URLs and recording links start with it
 * @param followUpDays a customer not contacted for this many days has a follow-up
 * deadline in its owner's feed
 * @param keepCancelledDays an item that left the feed (task done, approval decided) stays
 * in it this long as {@code STATUS:CANCELLED}, so subscribed clients remove it
 * @param maxItems most items one feed carries (the earliest are dropped first)
 * @param alarmMinutes how long before an urgent task its alarm rings
 * @param closedStages stages whose customers have no follow-up deadline
 * @param mailFrom sender address of visit invitations (when {@code spring.mail.host} is
 * set)
 */
@Validated
@ConfigurationProperties("crmbot.calendar")
public record CalendarProperties(@NotBlank String publicUrl, @Min(1) @Max(365) Integer followUpDays,
		@Min(1) @Max(365) Integer keepCancelledDays, @Min(10) @Max(5000) Integer maxItems,
		@Min(0) @Max(1440) Integer alarmMinutes, java.util.List<String> closedStages, String mailFrom) {

	/**
	 * Stage ids that close a customer, as config/customers.yaml names them by default.
	 */
	@Lexicon("default stage ids of the admin's pipeline")
	static final java.util.List<String> CLOSED_STAGES = java.util.List.of("成交", "输单");

	public CalendarProperties {
		publicUrl = (publicUrl != null && !publicUrl.isBlank()) ? publicUrl.strip().replaceAll("/+$", "")
				: "http://localhost:8080";
		followUpDays = (followUpDays != null) ? followUpDays : 14;
		keepCancelledDays = (keepCancelledDays != null) ? keepCancelledDays : 30;
		maxItems = (maxItems != null) ? maxItems : 500;
		alarmMinutes = (alarmMinutes != null) ? alarmMinutes : 15;
		mailFrom = (mailFrom != null && !mailFrom.isBlank()) ? mailFrom.strip() : "crm-bot@localhost";
		closedStages = (closedStages != null) ? java.util.List.copyOf(closedStages) : CLOSED_STAGES;
	}

}
