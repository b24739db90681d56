package com.crmbot.care;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.text.Lexicon;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * {@code /coupon <券码>} checks a care coupon (whose, valid until, redeemed?);
 * {@code /coupon <券码> redeem} (or the button) redeems it, once. Only users who may see
 * the coupon's customer can check or redeem it.
 */
@Component
class CouponCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("coupon", Permission.USER);

	@Lexicon("the word for redeeming")
	private static final java.util.regex.Pattern REDEEM = java.util.regex.Pattern.compile("(?i)redeem|use|核销|兑换|使用");

	private final Coupons coupons;

	private final MongoTemplate mongo;

	private final AccessPolicy access;

	private final ConfigService config;

	private final Clock clock;

	CouponCommand(Coupons coupons, MongoTemplate mongo, AccessPolicy access, ConfigService config, Clock clock) {
		this.coupons = coupons;
		this.mongo = mongo;
		this.access = access;
		this.config = config;
		this.clock = clock;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> t = ctx.tokens();
		if (t.isEmpty() || t.size() > 2 || (t.size() == 2 && !REDEEM.matcher(t.get(1)).matches())) {
			return ctx.usage();
		}
		String code = Coupons.normalize(t.get(0));
		Optional<Coupon> found = coupons.find(code);
		if (found.isEmpty() || !visible(ctx, found.get())) {
			if (found.isPresent()) {
				access.logDenied(ctx.actor(), "coupon " + code);
			}
			return ctx.say("coupon-not-found", Map.of("code", code));
		}
		Coupon c = found.get();
		var zone = config.get().workflow().zone();
		String expiry = LocalDate.ofInstant(c.expiresAt(), zone).toString();
		if (c.redeemedAt() != null) {
			String by = config.get().user(c.redeemedBy()).map((u) -> u.name()).orElse(String.valueOf(c.redeemedBy()));
			return ctx.say("coupon-redeemed-already", Map.of("code", code, "customer", c.customerName(), "at",
					LocalDate.ofInstant(c.redeemedAt(), zone).toString(), "by", by));
		}
		if (!c.expiresAt().isAfter(clock.instant())) {
			return ctx.say("coupon-expired", Map.of("code", code, "customer", c.customerName(), "expiry", expiry));
		}
		if (t.size() == 1) {
			Reply r = ctx.reply("coupon-valid", Map.of("code", code, "customer", c.customerName(), "expiry", expiry));
			return List.of(r.withButtons(
					List.of(new Reply.Button("coupon:redeem:" + code, ctx.text("coupon-redeem-button", Map.of()),
							ctx.text("coupon-redeem-command", Map.of("code", code))))));
		}
		Optional<Coupon> redeemed = coupons.redeem(code, ctx.actor().id());
		if (redeemed.isEmpty()) {
			return ctx.say("coupon-redeem-lost", Map.of("code", code));
		}
		return ctx.say("coupon-redeemed", Map.of("code", code, "customer", c.customerName()));
	}

	private boolean visible(CommandContext ctx, Coupon c) {
		return mongo.exists(Query
			.query(new Criteria().andOperator(access.visibleTo(ctx.actor()), Criteria.where("_id").is(c.customerId()))),
				Customer.class);
	}

}
