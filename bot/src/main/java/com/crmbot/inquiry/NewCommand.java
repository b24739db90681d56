package com.crmbot.inquiry;

import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;

import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.customer.CustomerService.NewCustomer;
import com.crmbot.inquiry.InquiryService;
import com.crmbot.inquiry.extract.ExtractedInquiry;
import com.crmbot.text.Phones;

import org.springframework.stereotype.Component;

/**
 * {@code /new <公司> [联系人] [电话] ...}: create a customer owned by the user. The text is read
 * like an inquiry, so any order works ({@code /new 苏州恒通机械有限公司 王总 13812345678}).
 */
@Component
class NewCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("new", Permission.USER);

	private static final java.util.regex.Pattern SENTENCE = java.util.regex.Pattern.compile("[，。,；;！？!?：:]");

	private final CustomerService customers;

	private final InquiryService inquiries;

	private final ConfigService config;

	private final com.crmbot.access.AccessPolicy access;

	private final com.crmbot.notification.Notifier notifier;

	private final com.crmbot.template.TemplateService templates;

	NewCommand(CustomerService customers, InquiryService inquiries, ConfigService config,
			com.crmbot.access.AccessPolicy access, com.crmbot.notification.Notifier notifier,
			com.crmbot.template.TemplateService templates) {
		this.customers = customers;
		this.inquiries = inquiries;
		this.config = config;
		this.access = access;
		this.notifier = notifier;
		this.templates = templates;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		if (ctx.args().isEmpty()) {
			return ctx.usage();
		}
		ExtractedInquiry x = inquiries.extract(ctx.args());
		List<String> phones = Phones.findAll(ctx.args());
		List<String> words = ctx.tokens().stream().filter((t) -> Phones.normalize(t).isEmpty()).toList();
		String company;
		String contact;
		if (!words.isEmpty() && words.size() <= 2 && !SENTENCE.matcher(ctx.args()).find()) {
			// the declared form "<公司> [联系人] [电话]": the user named the customer, take it
			// as written
			company = words.get(0);
			contact = (words.size() > 1) ? words.get(1) : x.contact();
		}
		else {
			// a sentence: read it like an inquiry
			company = (x.company() != null) ? x.company() : (words.isEmpty() ? null : words.get(0));
			contact = x.contact();
		}
		if (company != null && company.replaceAll("[\\p{Punct}\\s\\p{IsPunctuation}]", "").isEmpty()) {
			company = null;
		}
		if (company == null && phones.isEmpty()) {
			return ctx.usage();
		}
		if (contact != null && contact.equals(company)) {
			contact = null;
		}
		String firstStage = config.get().customers().stages().get(0).id();
		CustomerService.Created c = customers.createOrGet(new NewCustomer(company, phones, contact, x.title(),
				x.decisionMaker(), x.budgetCny(), x.needType(), x.region(), x.industry(), ctx.actor().id(),
				ctx.actor().user().department(), firstStage, null, "command", null));
		Customer cu = c.customer();
		if (!c.created() && !access.canSee(ctx.actor(), cu)) {
			// no oracle: neither the company nor the owner; the owner hears about it
			access.logDenied(ctx.actor(), "/new of a customer not visible");
			config.get()
				.user(cu.ownerId())
				.ifPresent((owner) -> notifier.notify(owner,
						Reply.text(templates.reply(owner.localeOrDefault(), "new-hidden-owner-notice",
								Map.of("user", ctx.actor().user().name(), "customer", cu.name(), "text", ctx.args()))),
						"new-hidden:" + ctx.message().messageId()));
			return ctx.say("new-exists-hidden", Map.of());
		}
		if (!c.created()) {
			String owner = config.get().user(cu.ownerId()).map((u) -> u.name()).orElse("—");
			return ctx.say("new-exists", Map.of("customer", cu.name(), "owner", owner));
		}
		return ctx.say("new-created",
				Map.of("customer", cu.name(), "id", CustomerService.shortId(cu.id()), "contact",
						(cu.contact() != null) ? cu.contact() : "—", "phone",
						(cu.phone() != null) ? com.crmbot.text.Phones.readable(cu.phone()) : "—"));
	}

}
