package com.crmbot.export;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.pipeline.StageChange;
import com.crmbot.text.Lexicon;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * CSV exports for BI tools: customers, follow-ups and deals the actor may see, without
 * the fields the role hides, every cell neutralized against formula injection. Streamed
 * customer by customer.
 */
@Service
public class ExportService {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final MongoTemplate mongo;

	private final AccessPolicy access;

	private final ConfigService config;

	private final com.crmbot.template.TemplateService templates;

	ExportService(MongoTemplate mongo, AccessPolicy access, ConfigService config,
			com.crmbot.template.TemplateService templates) {
		this.templates = templates;
		this.mongo = mongo;
		this.access = access;
		this.config = config;
	}

	/** What can be exported. */
	public enum Kind {

		CUSTOMERS, FOLLOWUPS, DEALS;

		@Lexicon("export kinds")
		public static Optional<Kind> of(String s) {
			String k = s.toLowerCase(Locale.ROOT).replaceFirst("\\.csv$", "");
			return switch (k) {
				case "customers", "customer", "客户" -> Optional.of(CUSTOMERS);
				case "followups", "followup", "跟进" -> Optional.of(FOLLOWUPS);
				case "deals", "deal", "成交", "商机" -> Optional.of(DEALS);
				default -> Optional.empty();
			};
		}

		public String file() {
			return name().toLowerCase(Locale.ROOT) + ".csv";
		}

	}

	/** How many rows an export would have. */
	public long count(Actor actor, Kind kind) {
		return switch (kind) {
			case CUSTOMERS -> mongo.count(Query.query(access.visibleTo(actor)), Customer.class);
			case DEALS -> mongo.count(Query.query(deals(actor)), Customer.class);
			case FOLLOWUPS ->
				mongo.count(Query.query(Criteria.where("customerId").in(visibleIds(actor))), FollowUp.class);
		};
	}

	/** Write the CSV (UTF-8 BOM for Excel); returns the number of data rows. */
	public long write(Actor actor, Kind kind, Writer out) throws IOException {
		boolean amount = !access.isHidden(actor, "dealAmount");
		out.write('\uFEFF');
		CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
		long rows = 0;
		switch (kind) {
			case CUSTOMERS -> {
				List<String> head = head(actor, "export-head-customers", amount);
				csv.printRecord(head);
				try (var stream = mongo.stream(Query.query(access.visibleTo(actor)).with(Sort.by("createdAt")),
						Customer.class)) {
					for (Customer c : (Iterable<Customer>) stream::iterator) {
						List<Object> r = new ArrayList<>(List.of(c.id(), cell(c.name()), cell(c.company()),
								cell(c.contact()), cell(c.title()), cell(String.join(" ", c.phoneList())),
								cell(config.get().industryLabel(c.industry())), cell(c.region()),
								cell(config.get().needLabel(c.needType())), num(c.budgetCny()), cell(c.stage()),
								c.score(), cell(String.join(" ", c.tags())), cell(userName(c.ownerId())),
								cell(departmentName(c.department())), time(c.createdAt()), time(c.lastContactAt())));
						if (amount) {
							r.add(num(c.dealAmount()));
						}
						csv.printRecord(r);
						rows++;
					}
				}
			}
			case DEALS -> {
				List<String> head = head(actor, "export-head-deals", amount);
				csv.printRecord(head);
				try (var stream = mongo.stream(Query.query(deals(actor)).with(Sort.by("createdAt")), Customer.class)) {
					for (Customer c : (Iterable<Customer>) stream::iterator) {
						StageChange last = mongo.findOne(Query.query(Criteria.where("customerId").is(c.id()))
							.with(Sort.by(Sort.Direction.DESC, "at")), StageChange.class);
						List<Object> r = new ArrayList<>(List.of(c.id(), cell(c.name()), cell(c.stage()),
								cell(userName(c.ownerId())), (last != null) ? time(last.at()) : ""));
						if (amount) {
							r.add(num(c.dealAmount()));
						}
						csv.printRecord(r);
						rows++;
					}
				}
			}
			case FOLLOWUPS -> {
				csv.printRecord(head(actor, "export-head-followups", false));
				List<String> ids = visibleIds(actor);
				try (var stream = mongo.stream(Query.query(Criteria.where("customerId").in(ids)).with(Sort.by("at")),
						FollowUp.class)) {
					for (FollowUp f : (Iterable<FollowUp>) stream::iterator) {
						csv.printRecord(f.id(), f.customerId(),
								templates.reply(actor.locale(), f.kind().labelKey(), java.util.Map.of()),
								cell(userName(f.authorId())), time(f.at()), cell(f.text()),
								cell(String.join(" ", f.objections())));
						rows++;
					}
				}
			}
		}
		csv.flush();
		return rows;
	}

	/**
	 * Column names in the reader's language (export-head-*), with the amount if shown.
	 */
	private List<String> head(Actor actor, String key, boolean amount) {
		List<String> head = new ArrayList<>(
				java.util.Arrays.stream(templates.reply(actor.locale(), key, java.util.Map.of()).split("[,，]"))
					.map(String::strip)
					.toList());
		if (amount) {
			head.add(templates.reply(actor.locale(), "export-head-deal-amount", java.util.Map.of()).strip());
		}
		return head;
	}

	private String userName(String id) {
		return (id == null) ? null : config.get().user(id).map((u) -> u.name()).orElse(id);
	}

	private String departmentName(String id) {
		return (id == null) ? null : config.get().department(id).map((d) -> d.name()).orElse(id);
	}

	private Criteria deals(Actor actor) {
		String won = config.get().customers().funnel().won();
		return new Criteria().andOperator(access.visibleTo(actor),
				new Criteria().orOperator(Criteria.where("stage").is(won), Criteria.where("dealAmount").ne(null)));
	}

	private List<String> visibleIds(Actor actor) {
		Query q = Query.query(access.visibleTo(actor));
		q.fields().include("_id");
		return mongo.find(q, org.bson.Document.class, Customer.COLLECTION)
			.stream()
			.map((d) -> d.get("_id").toString())
			.toList();
	}

	private static String cell(String s) {
		return SafeCsv.cell(s);
	}

	private static Object num(Long n) {
		return (n != null) ? n : "";
	}

	private static String time(java.time.Instant t) {
		return (t != null) ? TIME.format(t) : "";
	}

}
