package com.crmbot.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.Reply;
import com.crmbot.text.Lexicon;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * {@code /list [条件…] [页码]}: the customers one may see, filtered by tag ({@code A}), stage
 * ({@code 谈判}), owner ({@code 张三}), score ({@code 评分>=30}) or dormancy ({@code 30天未联系});
 * conditions combine. Numbered: reply with the number to see one.
 */
@Component
class ListCommand implements Command {

	static final int PAGE_SIZE = 10;

	@Lexicon("score filters")
	private static final Pattern SCORE = Pattern
		.compile("(?:评分|分数|得分|score)?(>=|≥|>|<=|≤|<)(\\d+)分?|(\\d+)分以上|(?:评分|score)(\\d+)", Pattern.CASE_INSENSITIVE);

	@Lexicon("days-without-contact filters")
	private static final Pattern DORMANT = Pattern.compile("(\\d+)天(?:未联系|没联系|未跟进|没跟进)|沉睡|dormant",
			Pattern.CASE_INSENSITIVE);

	@Lexicon("page numbers")
	private static final Pattern PAGE = Pattern.compile("第(\\d+)页|p(\\d+)|(\\d{1,3})", Pattern.CASE_INSENSITIVE);

	/** Without a number of days, "dormant" means no contact for this long. */
	static final int DEFAULT_DORMANT_DAYS = 30;

	private static final CommandSpec SPEC = new CommandSpec("list", Permission.USER);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final MongoTemplate mongo;

	private final AccessPolicy access;

	private final ConfigService config;

	private final PendingChoices choices;

	private final Clock clock;

	ListCommand(MongoTemplate mongo, AccessPolicy access, ConfigService config, PendingChoices choices, Clock clock) {
		this.mongo = mongo;
		this.access = access;
		this.config = config;
		this.choices = choices;
		this.clock = clock;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		AdminConfig cfg = config.get();
		List<Criteria> all = new ArrayList<>();
		all.add(access.visibleTo(ctx.actor()));
		List<String> described = new ArrayList<>();
		int page = 1;
		boolean dormant = false;
		for (String t : ctx.tokens()) {
			Matcher m;
			Optional<User> owner = TransferCommand.user(cfg, t);
			if (cfg.customers().tagGroups().stream().anyMatch((g) -> g.tags().contains(t))) {
				all.add(Criteria.where("tags").is(t));
				described.add(ctx.text("list-by-tag", Map.of("tag", t)));
			}
			else if (cfg.customers().stages().stream().anyMatch((s) -> s.id().equals(t))) {
				all.add(Criteria.where("stage").is(t));
				described.add(ctx.text("list-by-stage", Map.of("stage", t)));
			}
			else if (owner.isPresent()) {
				all.add(Criteria.where("ownerId").is(owner.get().id()));
				described.add(ctx.text("list-by-owner", Map.of("owner", owner.get().name())));
			}
			else if ((m = DORMANT.matcher(t)).matches()) {
				int days = (m.group(1) != null) ? Integer.parseInt(m.group(1)) : DEFAULT_DORMANT_DAYS;
				all.add(Criteria.where("lastContactAt").lt(clock.instant().minus(Duration.ofDays(days))));
				described.add(ctx.text("list-by-dormant", Map.of("days", days)));
				dormant = true;
			}
			else if ((m = SCORE.matcher(t)).matches()) {
				String op = (m.group(1) != null) ? m.group(1) : ">=";
				int n = Integer.parseInt(firstNonNull(m.group(2), m.group(3), m.group(4)));
				Criteria c = Criteria.where("score");
				all.add(switch (op) {
					case ">" -> c.gt(n);
					case "<" -> c.lt(n);
					case "<=", "≤" -> c.lte(n);
					default -> c.gte(n);
				});
				described
					.add(ctx.text("list-by-score", Map.of("op", op.replace(">=", "≥").replace("<=", "≤"), "n", n)));
			}
			else if ((m = PAGE.matcher(t)).matches()) {
				page = Math.max(1, Integer.parseInt(firstNonNull(m.group(1), m.group(2), m.group(3))));
			}
			else {
				return ctx.say("list-unknown-filter", Map.of("filter", t, "usage", ctx.synopsis()));
			}
		}
		Query q = Query.query(new Criteria().andOperator(all.toArray(new Criteria[0])));
		long total = mongo.count(q, Customer.class);
		String filter = described.isEmpty() ? ctx.text("list-by-all", Map.of()) : String.join("，", described);
		if (total == 0) {
			return ctx.say("list-none", Map.of("filter", filter));
		}
		long pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
		page = (int) Math.min(page, pages);
		q.with(Sort.by(dormant ? Sort.Direction.ASC : Sort.Direction.DESC, "lastContactAt"))
			.skip((long) (page - 1) * PAGE_SIZE)
			.limit(PAGE_SIZE);
		List<Customer> found = mongo.find(q, Customer.class);
		List<String> lines = new ArrayList<>();
		List<String> commands = new ArrayList<>();
		for (int i = 0; i < found.size(); i++) {
			Customer c = found.get(i);
			lines.add(ctx.text("list-line",
					Map.of("n", i + 1, "customer", c.name(), "stage", (c.stage() != null) ? c.stage() : "—", "owner",
							cfg.user(c.ownerId()).map(User::name).orElse("—"), "score", c.score(), "last",
							(c.lastContactAt() != null) ? DAY.format(c.lastContactAt()) : "—")));
			commands.add("/find " + CustomerService.shortId(c.id()));
		}
		choices.offer(ctx.actor().id(), commands);
		return ctx.say("list", Map.of("filter", filter, "total", total, "page", page, "pages", pages, "lines",
				String.join("\n", lines)));
	}

	private static String firstNonNull(String... s) {
		for (String x : s) {
			if (x != null) {
				return x;
			}
		}
		return "0";
	}

}
