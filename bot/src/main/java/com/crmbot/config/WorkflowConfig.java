package com.crmbot.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import com.crmbot.text.Lexicon;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * {@code config/workflow.yaml} (optional): reminders, escalation, the SMS gateway and
 * approval rules. Every part has defaults, so a missing file means "reminders on, no SMS,
 * no approvals".
 *
 * @param timezone zone in which people's times ("明天下午3点") are read
 * @param reminders reminder dispatch and escalation
 * @param sms the SMS gateway used as the second channel for urgent reminders
 * @param approvals approval rules, deputies and pending reminders
 * @param care the nightly dormancy evaluation and the monthly care e-mail campaign
 * @param review the weekly review pushed to reps and supervisors
 */
public record WorkflowConfig(String timezone, @Valid Reminders reminders, @Valid Sms sms, @Valid Approvals approvals,
		Care care, Review review) {

	static final String POSITIVE = "must be a positive number";

	public WorkflowConfig {
		timezone = (timezone != null && !timezone.isBlank()) ? timezone : "Asia/Shanghai";
		reminders = (reminders != null) ? reminders : new Reminders(null, null, null, null, null, null);
		sms = (sms != null) ? sms : new Sms(null, null, null, null);
		approvals = (approvals != null) ? approvals : new Approvals(null, null, null, null, null, null);
		care = (care != null) ? care : new Care(null, null, null, null, null);
		review = (review != null) ? review : new Review(null, null);
	}

	public static WorkflowConfig defaults() {
		return new WorkflowConfig(null, null, null, null, null, null);
	}

	public ZoneId zone() {
		return ZoneId.of(timezone);
	}

	/**
	 * Reminder settings.
	 *
	 * @param dispatchIntervalSeconds how often Quartz looks for due reminders
	 * @param leaseSeconds how long a claimed reminder stays claimed (a crashed instance's
	 * claim expires then)
	 * @param batchSize reminders claimed per round
	 * @param ackMinutes a delivered reminder not acknowledged within this is "missed"
	 * @param escalateAfterMinutes an urgent reminder not acknowledged within this goes to
	 * the supervisor
	 * @param smsForUrgent whether urgent reminders also go out by SMS
	 */
	public record Reminders(@Positive(message = POSITIVE) Integer dispatchIntervalSeconds,
			@Positive(message = POSITIVE) Integer leaseSeconds, @Positive(message = POSITIVE) Integer batchSize,
			@Positive(message = POSITIVE) Integer ackMinutes,
			@Positive(message = POSITIVE) Integer escalateAfterMinutes, Boolean smsForUrgent) {

		public Reminders {
			dispatchIntervalSeconds = (dispatchIntervalSeconds != null) ? dispatchIntervalSeconds : 10;
			leaseSeconds = (leaseSeconds != null) ? leaseSeconds : 120;
			batchSize = (batchSize != null) ? batchSize : 500;
			ackMinutes = (ackMinutes != null) ? ackMinutes : 120;
			escalateAfterMinutes = (escalateAfterMinutes != null) ? escalateAfterMinutes : 30;
			smsForUrgent = (smsForUrgent != null) ? smsForUrgent : Boolean.TRUE;
		}

		public Duration lease() {
			return Duration.ofSeconds(leaseSeconds);
		}

		public Duration ack() {
			return Duration.ofMinutes(ackMinutes);
		}

		public Duration escalateAfter() {
			return Duration.ofMinutes(escalateAfterMinutes);
		}

	}

	/**
	 * The HTTP SMS gateway.
	 *
	 * @param url endpoint receiving {@code POST {"to","text","sender","key"}}; empty: no
	 * SMS
	 * @param apiKey bearer token, only through a {@code ${ENV}} placeholder
	 * @param sender sender name shown to the recipient
	 * @param timeoutSeconds HTTP timeout
	 */
	public record Sms(@Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url, String apiKey,
			String sender, @Positive(message = POSITIVE) Integer timeoutSeconds) {

		public Sms {
			url = (url != null && !url.isBlank()) ? url.strip() : null;
			apiKey = (apiKey != null && !apiKey.isBlank()) ? apiKey : null;
			sender = (sender != null) ? sender : "crm-bot";
			timeoutSeconds = (timeoutSeconds != null) ? timeoutSeconds : 10;
		}

		public boolean enabled() {
			return url != null;
		}

		@Override
		public String toString() {
			return "Sms[url=" + url + ", apiKey=" + ((apiKey != null) ? "******" : "none") + ", sender=" + sender + "]";
		}

	}

	/**
	 * Approvals.
	 *
	 * @param remindEveryMinutes a pending approval reminds its approver this often
	 * @param rules thresholds and chains; every rule whose threshold an amount exceeds
	 * adds its approvers, in ascending threshold order
	 * @param deputies who acts for an approver who is away (overrides {@code org.yaml}'s
	 * {@code deputy})
	 * @param away user ids who are away (in addition to {@code away: true} in org.yaml)
	 * @param wecom open approvals in WeCom's own approval app instead of in chat
	 */
	public record Approvals(@Positive(message = POSITIVE) Integer remindEveryMinutes, List<@Valid Rule> rules,
			Map<String, String> deputies, List<String> away, WecomApproval wecom, DingtalkApproval dingtalk) {

		public Approvals {
			remindEveryMinutes = (remindEveryMinutes != null) ? remindEveryMinutes : 240;
			rules = (rules != null) ? List.copyOf(rules) : List.of();
			deputies = (deputies != null) ? Map.copyOf(deputies) : Map.of();
			away = (away != null) ? List.copyOf(away) : List.of();
			wecom = (wecom != null) ? wecom : new WecomApproval(false, null, null, null, null, null);
			dingtalk = (dingtalk != null) ? dingtalk : new DingtalkApproval(false, null, null, null);
		}

		public Duration remindEvery() {
			return Duration.ofMinutes(remindEveryMinutes);
		}

	}

	/**
	 * DingTalk native approval (OA 审批, workflow API {@code POST
	 * /v1.0/workflow/processInstances} through the DingTalk connector's credentials; the
	 * result comes back as the {@code bpms_instance_change} event over Stream, and is
	 * also looked up on every scheduler run, which serves HTTP mode).
	 *
	 * @param enabled whether deals open their approval in DingTalk's approval app
	 * @param processCode the approval form's process code (审批表单 → 复制 processCode)
	 * @param amountField the form's amount field label
	 * @param customerField the form's customer field label
	 */
	public record DingtalkApproval(boolean enabled, String processCode, String amountField, String customerField) {

		/**
		 * The field labels of DingTalk's approval form, as the form names them by
		 * default.
		 */
		@Lexicon("DingTalk approval form field names")
		static final String DEFAULT_AMOUNT_FIELD = "金额";

		@Lexicon("DingTalk approval form field names")
		static final String DEFAULT_CUSTOMER_FIELD = "客户";

		public DingtalkApproval {
			amountField = (amountField != null && !amountField.isBlank()) ? amountField : DEFAULT_AMOUNT_FIELD;
			customerField = (customerField != null && !customerField.isBlank()) ? customerField
					: DEFAULT_CUSTOMER_FIELD;
		}

	}

	/**
	 * WeCom native approval ({@code POST /cgi-bin/oa/applyevent}; status changes come
	 * back as {@code sys_approval_change} events).
	 *
	 * @param enabled whether approvals open in WeCom (requester and approvers need WeCom
	 * ids)
	 * @param baseUrl API base URL (default https://qyapi.weixin.qq.com)
	 * @param corpId the corp id
	 * @param secret the approval app's secret, only through a {@code ${ENV}} placeholder
	 * @param templateId the approval template
	 * @param amountControlId id of the template's Money control that carries the amount
	 */
	public record WecomApproval(boolean enabled, String baseUrl, String corpId, String secret, String templateId,
			String amountControlId) {

		public WecomApproval {
			baseUrl = (baseUrl != null && !baseUrl.isBlank()) ? baseUrl.strip() : "https://qyapi.weixin.qq.com";
			amountControlId = (amountControlId != null && !amountControlId.isBlank()) ? amountControlId : "Money-1";
		}

		@Override
		public String toString() {
			return "WecomApproval[enabled=" + enabled + ", baseUrl=" + baseUrl + ", corpId=" + corpId + ", secret="
					+ ((secret != null && !secret.isBlank()) ? "******" : "none") + ", templateId=" + templateId + "]";
		}

	}

	/**
	 * An approval rule.
	 *
	 * @param id name shown in the audit trail
	 * @param above applies to amounts strictly above this (yuan)
	 * @param approvers user ids who approve, in order
	 * @param inform user ids told about the outcome (besides the requester)
	 */
	public record Rule(@NotBlank(message = "is required") String id,
			@NotNull(message = THRESHOLD) @PositiveOrZero(message = THRESHOLD) Long above,
			@NotEmpty(message = "at least one approver is required") List<String> approvers, List<String> inform) {

		static final String THRESHOLD = "a threshold amount (yuan, 0 or more) is required";

		public Rule {
			approvers = (approvers != null) ? List.copyOf(approvers) : List.of();
			inform = (inform != null) ? List.copyOf(inform) : List.of();
		}

	}

	/**
	 * Dormant-customer care.
	 *
	 * @param nightlyCron Quartz cron (in {@code timezone}) of the nightly run that
	 * rescored every customer (time-based rules) and evaluates the dormancy rules
	 * @param campaignCron Quartz cron of the monthly care e-mail campaign (default the
	 * 1st at 10:00)
	 * @param template the e-mail template under {@code templates/mail/} the campaign
	 * sends
	 * @param couponValidDays how long a care coupon can be redeemed
	 * @param taskDueDays care tasks are due this many days after the nightly run
	 */
	public record Care(String nightlyCron, String campaignCron, String template, Integer couponValidDays,
			Integer taskDueDays) {

		/** The care mail template's folder under templates/mail/. */
		@Lexicon("name of the care mail template folder")
		static final String DEFAULT_TEMPLATE = "关怀";

		public Care {
			nightlyCron = (nightlyCron != null && !nightlyCron.isBlank()) ? nightlyCron.strip() : "0 0 2 * * ?";
			campaignCron = (campaignCron != null && !campaignCron.isBlank()) ? campaignCron.strip() : "0 0 10 1 * ?";
			template = (template != null && !template.isBlank()) ? template.strip() : DEFAULT_TEMPLATE;
			couponValidDays = (couponValidDays != null) ? couponValidDays : 30;
			taskDueDays = (taskDueDays != null) ? taskDueDays : 3;
		}

	}

	/**
	 * The weekly review: each rep gets their week, each supervisor (and the department's
	 * group robots) the team digest with the funnel chart.
	 *
	 * @param weeklyCron Quartz cron (in {@code timezone}); default Monday 09:00
	 * @param catchUpHours a fire time missed while no instance ran is still honoured this
	 * many hours later (default 12)
	 */
	public record Review(String weeklyCron, Integer catchUpHours) {

		public Review {
			weeklyCron = (weeklyCron != null && !weeklyCron.isBlank()) ? weeklyCron.strip() : "0 0 9 ? * MON";
			catchUpHours = (catchUpHours != null) ? catchUpHours : 12;
		}

	}

}
