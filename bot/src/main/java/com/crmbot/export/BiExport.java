package com.crmbot.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.approval.Deal;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.pipeline.StageChange;
import com.crmbot.template.TemplateService;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.bson.Document;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The BI export (Power BI, Excel): one table per entity (customers, follow-ups, follow-up
 * counts per customer, deals, stage history) with stable column ids (documented in
 * docs/reports.md), typed values (numbers, date-times) and Chinese labels beside codes
 * (stage + stage_label, industry + industry_label, owner_id + owner_name …). Written as
 * an XLSX workbook (streaming SXSSF, one sheet per table plus a "columns" sheet
 * describing every column), or one table as CSV or JSON for Power BI's Web connector.
 * Only what the actor may see, without the role's hidden fields.
 */
@Service
public class BiExport {

	private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MongoTemplate mongo;

	private final AccessPolicy access;

	private final ConfigService config;

	private final TemplateService templates;

	BiExport(MongoTemplate mongo, AccessPolicy access, ConfigService config, TemplateService templates) {
		this.mongo = mongo;
		this.access = access;
		this.config = config;
		this.templates = templates;
	}

	/** A column's type. */
	public enum Type {

		TEXT, NUMBER, DATETIME

	}

	/**
	 * A column.
	 *
	 * @param id stable column id (the header)
	 * @param type value type
	 * @param zh Chinese description
	 * @param en English description
	 * @param field the customer field a role may hide (null: never hidden)
	 */
	public record Column(String id, Type type, String zh, String en, String field) {
	}

	/** The tables. */
	public enum Table {

		CUSTOMERS("customers", List.of(col("customer_id", Type.TEXT, "客户编号", "customer id"),
				col("name", Type.TEXT, "客户名称", "display name"), col("company", Type.TEXT, "公司", "company"),
				col("contact", Type.TEXT, "联系人", "contact person", "contact"),
				col("title", Type.TEXT, "职务", "contact's title", "title"),
				col("phones", Type.TEXT, "电话（E.164，空格分隔）", "phones (E.164, space separated)", "phones"),
				col("industry", Type.TEXT, "行业代码", "industry code", "industry"),
				col("industry_label", Type.TEXT, "行业", "industry label", "industry"),
				col("region", Type.TEXT, "地区", "region", "region"),
				col("need_type", Type.TEXT, "需求类型代码", "need type code", "needType"),
				col("need_label", Type.TEXT, "需求类型", "need type label", "needType"),
				col("budget_cny", Type.NUMBER, "预算（元）", "budget (yuan)", "budgetCny"),
				col("stage", Type.TEXT, "阶段代码", "stage id", null), col("stage_label", Type.TEXT, "阶段", "stage label"),
				col("score", Type.NUMBER, "评分", "lead score"), col("tags", Type.TEXT, "标签（空格分隔）", "tags"),
				col("owner_id", Type.TEXT, "负责人账号", "owner user id"), col("owner_name", Type.TEXT, "负责人", "owner name"),
				col("department_id", Type.TEXT, "部门代码", "department id"),
				col("department_name", Type.TEXT, "部门", "department name"),
				col("created_at", Type.DATETIME, "创建时间", "created"),
				col("last_contact_at", Type.DATETIME, "最近联系", "last contact"),
				col("followup_count", Type.NUMBER, "跟进次数", "follow-ups filed"),
				col("deal_amount_cny", Type.NUMBER, "成交金额（元）", "deal amount (yuan)", "dealAmount"),
				col("lost_reason", Type.TEXT, "输单原因", "lost reason"))),

		FOLLOWUPS("followups",
				List.of(col("followup_id", Type.TEXT, "跟进编号", "follow-up id"),
						col("customer_id", Type.TEXT, "客户编号", "customer id"),
						col("customer_name", Type.TEXT, "客户名称", "customer name"),
						col("kind", Type.TEXT, "类型代码", "kind code"), col("kind_label", Type.TEXT, "类型", "kind label"),
						col("author_id", Type.TEXT, "记录人账号", "author user id"),
						col("author_name", Type.TEXT, "记录人", "author name"), col("at", Type.DATETIME, "时间", "when"),
						col("text", Type.TEXT, "内容", "text"), col("objections", Type.TEXT, "异议（空格分隔）", "objections"))),

		FOLLOWUP_COUNTS("followup_counts",
				List.of(col("customer_id", Type.TEXT, "客户编号", "customer id"),
						col("customer_name", Type.TEXT, "客户名称", "customer name"),
						col("owner_name", Type.TEXT, "负责人", "owner name"),
						col("followup_count", Type.NUMBER, "跟进次数", "follow-ups filed"),
						col("last_followup_at", Type.DATETIME, "最近跟进", "last follow-up"))),

		DEALS("deals", List.of(col("deal_id", Type.TEXT, "成交编号", "deal id"),
				col("customer_id", Type.TEXT, "客户编号", "customer id"),
				col("customer_name", Type.TEXT, "客户名称", "customer name"),
				col("owner_id", Type.TEXT, "登记人账号", "recorded by (user id)"),
				col("owner_name", Type.TEXT, "登记人", "recorded by"),
				col("amount_cny", Type.NUMBER, "金额（元）", "amount (yuan)", "dealAmount"),
				col("status", Type.TEXT, "状态代码", "status code"), col("status_label", Type.TEXT, "状态", "status label"),
				col("approval_id", Type.TEXT, "审批编号", "approval id"),
				col("created_at", Type.DATETIME, "登记时间", "recorded"),
				col("decided_at", Type.DATETIME, "审批完成时间", "approval decided"))),

		STAGE_HISTORY("stage_history",
				List.of(col("customer_id", Type.TEXT, "客户编号", "customer id"),
						col("customer_name", Type.TEXT, "客户名称", "customer name"),
						col("from_stage", Type.TEXT, "原阶段代码", "previous stage id"),
						col("from_label", Type.TEXT, "原阶段", "previous stage label"),
						col("to_stage", Type.TEXT, "新阶段代码", "new stage id"),
						col("to_label", Type.TEXT, "新阶段", "new stage label"),
						col("actor_id", Type.TEXT, "操作人账号", "moved by (user id)"),
						col("actor_name", Type.TEXT, "操作人", "moved by"), col("at", Type.DATETIME, "时间", "when"),
						col("deal_amount_cny", Type.NUMBER, "随阶段登记的金额（元）", "amount given with the move (yuan)",
								"dealAmount"),
						col("days_in_from", Type.NUMBER, "在原阶段天数", "days spent in the previous stage"),
						col("reason", Type.TEXT, "原因（输单）", "reason (lost)")));

		public final String id;

		public final List<Column> columns;

		Table(String id, List<Column> columns) {
			this.id = id;
			this.columns = columns;
		}

		public static Optional<Table> of(String s) {
			String k = s.toLowerCase(Locale.ROOT).replaceFirst("\\.(csv|json)$", "");
			return Arrays.stream(values()).filter((t) -> t.id.equals(k)).findFirst();
		}

	}

	private static Column col(String id, Type type, String zh, String en) {
		return new Column(id, type, zh, en, null);
	}

	private static Column col(String id, Type type, String zh, String en, String field) {
		return new Column(id, type, zh, en, field);
	}

	/** The table's columns this actor gets (hidden fields left out). */
	public List<Column> columns(Actor actor, Table t) {
		return t.columns.stream().filter((c) -> c.field() == null || !access.isHidden(actor, c.field())).toList();
	}

	/** Write the whole workbook; returns the number of data rows. */
	public long xlsx(Actor actor, OutputStream out) throws IOException {
		SXSSFWorkbook wb = new SXSSFWorkbook(500);
		try {
			Font bold = wb.createFont();
			bold.setBold(true);
			CellStyle head = wb.createCellStyle();
			head.setFont(bold);
			CellStyle date = wb.createCellStyle();
			date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
			ZoneId zone = zone();
			long total = 0;
			Scope scope = scope(actor);
			for (Table t : Table.values()) {
				SXSSFSheet sheet = wb.createSheet(t.id);
				List<Column> cols = columns(actor, t);
				Row h = sheet.createRow(0);
				for (int i = 0; i < cols.size(); i++) {
					Cell c = h.createCell(i);
					c.setCellValue(cols.get(i).id());
					c.setCellStyle(head);
				}
				sheet.createFreezePane(0, 1);
				long[] n = { 0 };
				rows(actor, t, scope, (values) -> {
					Row r = sheet.createRow((int) ++n[0]);
					for (int i = 0; i < cols.size(); i++) {
						Object v = values.get(cols.get(i).id());
						if (v == null) {
							continue;
						}
						Cell c = r.createCell(i);
						if (v instanceof Number num) {
							c.setCellValue(num.doubleValue());
						}
						else if (v instanceof Instant at) {
							c.setCellValue(LocalDateTime.ofInstant(at, zone));
							c.setCellStyle(date);
						}
						else {
							c.setCellValue(v.toString());
						}
					}
				});
				total += n[0];
			}
			SXSSFSheet doc = wb.createSheet("columns");
			Row h = doc.createRow(0);
			String[] names = { "sheet", "column", "type", "说明", "description" };
			for (int i = 0; i < names.length; i++) {
				h.createCell(i).setCellValue(names[i]);
				h.getCell(i).setCellStyle(head);
			}
			int r = 0;
			for (Table t : Table.values()) {
				for (Column c : columns(actor, t)) {
					Row row = doc.createRow(++r);
					row.createCell(0).setCellValue(t.id);
					row.createCell(1).setCellValue(c.id());
					row.createCell(2).setCellValue(c.type().name().toLowerCase(Locale.ROOT));
					row.createCell(3).setCellValue(c.zh());
					row.createCell(4).setCellValue(c.en());
				}
			}
			wb.write(out);
			return total;
		}
		finally {
			wb.close();
		}
	}

	/**
	 * One table as CSV (UTF-8 with BOM, stable column ids, ISO date-times, cells guarded
	 * against formulas); returns the number of rows.
	 */
	public long csv(Actor actor, Table t, Writer out) throws IOException {
		List<Column> cols = columns(actor, t);
		out.write('\uFEFF');
		CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
		csv.printRecord(cols.stream().map(Column::id).toList());
		ZoneId zone = zone();
		long[] n = { 0 };
		rows(actor, t, scope(actor), (values) -> {
			List<Object> r = new ArrayList<>(cols.size());
			for (Column c : cols) {
				Object v = values.get(c.id());
				r.add((v == null) ? "" : (v instanceof Number) ? v
						: (v instanceof Instant at) ? ISO.format(at.atZone(zone)) : SafeCsv.cell(v));
			}
			try {
				csv.printRecord(r);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			n[0]++;
		});
		csv.flush();
		return n[0];
	}

	/**
	 * One table as a JSON array of objects keyed by column id (numbers as numbers,
	 * date-times as ISO-8601 with offset, absent values as null); returns the number of
	 * rows.
	 */
	public long json(Actor actor, Table t, OutputStream out) {
		List<Column> cols = columns(actor, t);
		ZoneId zone = zone();
		long[] n = { 0 };
		try (JsonGenerator g = JSON.createGenerator(out)) {
			g.writeStartArray();
			rows(actor, t, scope(actor), (values) -> {
				g.writeStartObject();
				for (Column c : cols) {
					Object v = values.get(c.id());
					g.writeName(c.id());
					if (v == null) {
						g.writeNull();
					}
					else if (v instanceof Long l) {
						g.writeNumber(l);
					}
					else if (v instanceof Integer i) {
						g.writeNumber(i);
					}
					else if (v instanceof Number num) {
						g.writeNumber(num.doubleValue());
					}
					else if (v instanceof Instant at) {
						g.writeString(ISO.format(at.atZone(zone)));
					}
					else {
						g.writeString(v.toString());
					}
				}
				g.writeEndObject();
				n[0]++;
			});
			g.writeEndArray();
		}
		return n[0];
	}

	/** The customers the actor may see: ids → names and owners. */
	private record Scope(Map<String, String> names, Map<String, String> owners) {

		boolean has(String customerId) {
			return names.containsKey(customerId);
		}

	}

	private Scope scope(Actor actor) {
		Query q = Query.query(access.visibleTo(actor));
		q.fields().include("_id").include("name").include("ownerId");
		Map<String, String> names = new HashMap<>();
		Map<String, String> owners = new HashMap<>();
		try (var s = mongo.stream(q, Document.class, Customer.COLLECTION)) {
			s.forEach((d) -> {
				String id = d.get("_id").toString();
				names.put(id, d.getString("name"));
				owners.put(id, d.getString("ownerId"));
			});
		}
		return new Scope(names, owners);
	}

	/** Follow-up count and latest time per customer, grouped in the store. */
	private Map<String, Object[]> followUpCounts() {
		Aggregation a = Aggregation
			.newAggregation(Aggregation.group("customerId").count().as("n").max("at").as("last"));
		Map<String, Object[]> out = new HashMap<>();
		for (Document d : mongo.aggregate(a, FollowUp.COLLECTION, Document.class).getMappedResults()) {
			Object id = d.get("_id");
			if (id != null) {
				Object last = d.get("last");
				out.put(id.toString(), new Object[] { ((Number) d.get("n")).longValue(),
						(last instanceof java.util.Date dt) ? dt.toInstant() : null });
			}
		}
		return out;
	}

	private void rows(Actor actor, Table t, Scope scope, Consumer<Map<String, Object>> sink) {
		AdminConfig cfg = config.get();
		switch (t) {
			case CUSTOMERS -> {
				Map<String, Object[]> counts = followUpCounts();
				try (var s = mongo.stream(Query.query(access.visibleTo(actor)).with(Sort.by("createdAt")),
						Document.class, Customer.COLLECTION)) {
					Set<String> seen = new HashSet<>();
					s.forEach((d) -> {
						Customer c = mongo.getConverter().read(Customer.class, d);
						if (!seen.add(c.id())) {
							return;
						}
						Map<String, Object> v = new HashMap<>();
						v.put("customer_id", c.id());
						v.put("name", c.name());
						v.put("company", c.company());
						v.put("contact", c.contact());
						v.put("title", c.title());
						v.put("phones", c.phoneList().isEmpty() ? null : String.join(" ", c.phoneList()));
						v.put("industry", c.industry());
						v.put("industry_label", cfg.industryLabel(c.industry()));
						v.put("region", c.region());
						v.put("need_type", c.needType());
						v.put("need_label", cfg.needLabel(c.needType()));
						v.put("budget_cny", c.budgetCny());
						v.put("stage", c.stage());
						v.put("stage_label", stageLabel(cfg, c.stage()));
						v.put("score", (long) c.score());
						v.put("tags", c.tags().isEmpty() ? null : String.join(" ", c.tags()));
						v.put("owner_id", c.ownerId());
						v.put("owner_name", userName(cfg, c.ownerId()));
						v.put("department_id", c.department());
						v.put("department_name", (c.department() == null) ? null
								: cfg.department(c.department()).map((x) -> x.name()).orElse(c.department()));
						v.put("created_at", c.createdAt());
						v.put("last_contact_at", c.lastContactAt());
						Object[] fc = counts.get(c.id());
						v.put("followup_count", (fc != null) ? (Long) fc[0] : 0L);
						v.put("deal_amount_cny", c.dealAmount());
						v.put("lost_reason", d.getString("lostReason"));
						sink.accept(v);
					});
				}
			}
			case FOLLOWUPS -> {
				try (var s = mongo.stream(new Query().with(Sort.by("at")), FollowUp.class)) {
					s.forEach((f) -> {
						if (!scope.has(f.customerId())) {
							return;
						}
						Map<String, Object> v = new HashMap<>();
						v.put("followup_id", f.id());
						v.put("customer_id", f.customerId());
						v.put("customer_name", scope.names().get(f.customerId()));
						v.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
						v.put("kind_label", templates.reply(actor.locale(), f.kind().labelKey(), Map.of()));
						v.put("author_id", f.authorId());
						v.put("author_name", userName(cfg, f.authorId()));
						v.put("at", f.at());
						v.put("text", f.text());
						v.put("objections", f.objections().isEmpty() ? null : String.join(" ", f.objections()));
						sink.accept(v);
					});
				}
			}
			case FOLLOWUP_COUNTS -> {
				Map<String, Object[]> counts = followUpCounts();
				scope.names().keySet().stream().sorted().forEach((id) -> {
					Object[] fc = counts.get(id);
					Map<String, Object> v = new HashMap<>();
					v.put("customer_id", id);
					v.put("customer_name", scope.names().get(id));
					v.put("owner_name", userName(cfg, scope.owners().get(id)));
					v.put("followup_count", (fc != null) ? (Long) fc[0] : 0L);
					v.put("last_followup_at", (fc != null) ? fc[1] : null);
					sink.accept(v);
				});
			}
			case DEALS -> {
				try (var s = mongo.stream(new Query().with(Sort.by("createdAt")), Deal.class)) {
					s.forEach((d) -> {
						if (!scope.has(d.customerId())) {
							return;
						}
						Map<String, Object> v = new HashMap<>();
						v.put("deal_id", d.id());
						v.put("customer_id", d.customerId());
						v.put("customer_name", scope.names().get(d.customerId()));
						v.put("owner_id", d.ownerId());
						v.put("owner_name", userName(cfg, d.ownerId()));
						v.put("amount_cny", d.amount());
						v.put("status", (d.status() != null) ? d.status().name().toLowerCase(Locale.ROOT) : null);
						v.put("status_label",
								(d.status() != null) ? templates.reply(actor.locale(),
										"export-deal-status-" + d.status().name().toLowerCase(Locale.ROOT), Map.of())
										: null);
						v.put("approval_id", d.approvalId());
						v.put("created_at", d.createdAt());
						v.put("decided_at", d.decidedAt());
						sink.accept(v);
					});
				}
			}
			case STAGE_HISTORY -> {
				try (var s = mongo.stream(new Query().with(Sort.by("at")), StageChange.class)) {
					s.forEach((h) -> {
						if (!scope.has(h.customerId())) {
							return;
						}
						Map<String, Object> v = new HashMap<>();
						v.put("customer_id", h.customerId());
						v.put("customer_name", scope.names().get(h.customerId()));
						v.put("from_stage", h.from());
						v.put("from_label", stageLabel(cfg, h.from()));
						v.put("to_stage", h.to());
						v.put("to_label", stageLabel(cfg, h.to()));
						v.put("actor_id", h.actorId());
						v.put("actor_name", userName(cfg, h.actorId()));
						v.put("at", h.at());
						v.put("deal_amount_cny", h.dealAmount());
						v.put("days_in_from", (h.daysInFrom() != null) ? Math.round(h.daysInFrom() * 10) / 10.0 : null);
						v.put("reason", h.reason());
						sink.accept(v);
					});
				}
			}
		}
	}

	private static String stageLabel(AdminConfig cfg, String id) {
		if (id == null) {
			return null;
		}
		return cfg.customers()
			.stages()
			.stream()
			.filter((s) -> s.id().equals(id))
			.map((CustomerConfig.Stage s) -> (s.label() != null) ? s.label() : s.id())
			.findFirst()
			.orElse(id);
	}

	private static String userName(AdminConfig cfg, String id) {
		return (id == null) ? null : cfg.user(id).map((u) -> u.name()).orElse(id);
	}

	private ZoneId zone() {
		return config.get().workflow().zone();
	}

}
