package com.crmbot.config;

import java.util.List;
import java.util.Map;
import com.crmbot.text.Lexicon;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * {@code config/customers.yaml}: customer fields, tags, lead scoring, pipeline stages.
 *
 * @param coreFields fields every customer has
 * @param industryFields custom fields per industry label
 * @param tagGroups tag groups (tier A/B/C, need type...)
 * @param scoring lead scoring rules
 * @param poolThreshold score at or above which a customer enters the key follow-up pool
 * @param stages pipeline stages in order
 * @param importHeaders lead import: column header synonyms per target field (added to the
 * built-in ones), e.g. {@code company: [客户名称, 公司, company]}
 * @param importSyncRows lead import: files up to this many rows import within the
 * confirming request; bigger ones run in the background and report progress
 * @param dormancy dormant-customer rules (any one holding makes a customer dormant);
 * default: no follow-up for 6 months, or won within the last year without a repeat
 * purchase
 * @param funnel the funnel report: which stages are won and lost, alert thresholds
 * @param aliases short names people use for a customer in chat, by company name (added to
 * the ones derived from the name), e.g. {@code 杭州云帆物流有限公司: [云帆, YF物流]}
 */
public record CustomerConfig(List<@Valid Field> coreFields, Map<String, List<@Valid Field>> industryFields,
		List<TagGroup> tagGroups, List<ScoringRule> scoring, Integer poolThreshold,
		@NotEmpty(message = "at least one stage is required") List<@Valid Stage> stages,
		Map<String, List<String>> importHeaders, Integer importSyncRows, List<DormancyRule> dormancy,
		@Valid Funnel funnel, Map<String, List<String>> aliases) {

	/** The default dormancy rules (see {@code config/customers.yaml}). */
	public static final List<DormancyRule> DEFAULT_DORMANCY = List.of(
			new DormancyRule("no_contact_6m", "6个月未跟进", "daysSinceContact >= 180"),
			new DormancyRule("no_repeat_1y", "成交近1年且无复购", "daysSinceWon <= 365 and purchases <= 1"));

	public CustomerConfig {
		dormancy = (dormancy != null) ? List.copyOf(dormancy) : DEFAULT_DORMANCY;
		coreFields = (coreFields != null) ? List.copyOf(coreFields) : List.of();
		industryFields = (industryFields != null) ? Map.copyOf(industryFields) : Map.of();
		tagGroups = (tagGroups != null) ? List.copyOf(tagGroups) : List.of();
		scoring = (scoring != null) ? List.copyOf(scoring) : List.of();
		poolThreshold = (poolThreshold != null) ? poolThreshold : 30;
		stages = (stages != null) ? List.copyOf(stages) : List.of();
		importHeaders = (importHeaders != null) ? Map.copyOf(importHeaders) : Map.of();
		importSyncRows = (importSyncRows != null) ? importSyncRows : 5000;
		funnel = (funnel != null) ? funnel : new Funnel(null, null, null);
		aliases = (aliases != null) ? Map.copyOf(aliases) : Map.of();
	}

	/** A core or industry field by id or label, for a customer of the given industry. */
	public java.util.Optional<Field> field(String idOrLabel, String industry) {
		java.util.List<Field> all = new java.util.ArrayList<>(coreFields);
		if (industry != null) {
			all.addAll(industryFields.getOrDefault(industry, List.of()));
		}
		return all.stream()
			.filter((f) -> f.id().equalsIgnoreCase(idOrLabel) || idOrLabel.equals(f.label())
					|| (f.label() != null && idOrLabel.equals(f.label().replaceAll("[(（][^)）]*[)）]", ""))))
			.findFirst();
	}

	/**
	 * A customer field.
	 *
	 * @param id key
	 * @param label display name
	 * @param type text | number | date | enum | phone
	 * @param values allowed values for enum
	 * @param required must be set on create
	 */
	public record Field(String id, String label, @NotNull(message = "is required") @Pattern(
			regexp = "text|number|date|enum|phone|email|boolean",
			message = "unknown type '${validatedValue}' (known: text, number, date, enum, phone, email, boolean)") String type,
			List<String> values, boolean required) {

		public Field {
			type = (type != null) ? type : "text";
			values = (values != null) ? List.copyOf(values) : List.of();
		}

	}

	/**
	 * A group of tags; {@code exclusive} allows at most one tag of the group per
	 * customer.
	 */
	public record TagGroup(String id, String label, List<String> tags, boolean exclusive) {

		public TagGroup {
			tags = (tags != null) ? List.copyOf(tags) : List.of();
		}

	}

	/**
	 * A lead scoring rule: when the condition holds, add points.
	 *
	 * @param id key
	 * @param label explanation shown by /score
	 * @param when condition, e.g. {@code decisionMaker}, {@code budgetKnown},
	 * {@code daysSinceContact >= 30}
	 * @param points points (negative allowed)
	 */
	public record ScoringRule(String id, String label, String when, int points) {
	}

	/**
	 * A pipeline stage and what happens on entering it.
	 *
	 * @param id key (Chinese names are fine)
	 * @param label display name
	 * @param onEnter triggers
	 */
	public record Stage(String id, String label, List<@Valid Trigger> onEnter) {

		public Stage {
			onEnter = (onEnter != null) ? List.copyOf(onEnter) : List.of();
		}

	}

	/**
	 * A stage trigger.
	 *
	 * @param type {@code task}, {@code send_templates} or {@code legal_review}
	 * @param title task title
	 * @param templates template names to send
	 * @param assignee user id (default: the customer's owner)
	 * @param dueDays due in N days
	 * @param gate legal_review only: a stage (e.g. {@code 成交}) the customer may not enter
	 * until the reviewer approved
	 */
	public record Trigger(
			@NotNull(message = TRIGGER_TYPES) @Pattern(regexp = "task|send_templates|legal_review",
					message = TRIGGER_TYPES) String type,
			String title, List<String> templates, String assignee, Integer dueDays, String gate) {

		static final String TRIGGER_TYPES = "must be one of task, send_templates, legal_review";

		public Trigger {
			templates = (templates != null) ? List.copyOf(templates) : List.of();
		}

	}

	/**
	 * A dormancy rule: a customer for whom the condition holds is dormant (care task,
	 * care e-mail). Conditions use the scoring facts plus {@code daysSinceWon} (days
	 * since the latest move into 成交; absent when never won) and {@code purchases} (number
	 * of wins and recorded deals).
	 *
	 * @param id key
	 * @param label shown by /dormant and in care tasks
	 * @param when condition
	 */
	public record DormancyRule(String id, String label, String when) {
	}

	/**
	 * The funnel report's settings.
	 *
	 * @param won the stage id that means won (default 成交)
	 * @param lost the stage id that means lost (default 输单)
	 * @param alerts conversion thresholds: a step converting below {@code below} percent
	 * is flagged
	 */
	public record Funnel(String won, String lost, List<@Valid FunnelAlert> alerts) {

		/** The stage ids config/customers.yaml uses for won and lost. */
		@Lexicon("default stage ids of the admin's pipeline")
		static final String DEFAULT_WON = "成交";

		@Lexicon("default stage ids of the admin's pipeline")
		static final String DEFAULT_LOST = "输单";

		public Funnel {
			won = (won != null) ? won : DEFAULT_WON;
			lost = (lost != null) ? lost : DEFAULT_LOST;
			alerts = (alerts != null) ? List.copyOf(alerts) : List.of();
		}

	}

	/**
	 * A conversion alert: {@code from} → {@code to} below {@code below} percent is
	 * flagged.
	 *
	 * @param from stage id
	 * @param to the next stage id
	 * @param below threshold in percent (0-100)
	 */
	public record FunnelAlert(String from, String to, @NotNull(message = PERCENT) @DecimalMin(value = "0",
			inclusive = false, message = PERCENT) @DecimalMax(value = "100", message = PERCENT) Double below) {

		static final String PERCENT = "must be a percentage between 0 and 100";

	}

}
