package com.crmbot.export;

import com.crmbot.access.AuditEntry;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import com.crmbot.customer.Customer;
import com.crmbot.support.BotTestSupport;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BI export: the XLSX workbook opened with Apache POI (typed numbers and dates,
 * labels beside codes, one sheet per entity, only what the exporter sees), the
 * token-authenticated CSV/JSON feed, phones not mangled by the formula guard.
 */
class BiExportTest extends BotTestSupport {

	private HttpResponse<byte[]> download(String user, String path) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
		if (user != null) {
			b.header("Authorization", "Bearer " + token(user));
		}
		return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Header id → cell of the row whose column {@code key} equals {@code value}. */
	private static Map<String, Cell> row(Sheet sheet, String key, String value) {
		Row head = sheet.getRow(0);
		Map<String, Integer> cols = new HashMap<>();
		head.forEach((c) -> cols.put(c.getStringCellValue(), c.getColumnIndex()));
		for (int i = 1; i <= sheet.getLastRowNum(); i++) {
			Row r = sheet.getRow(i);
			Cell k = r.getCell(cols.get(key));
			if (k != null && value.equals(k.getStringCellValue())) {
				Map<String, Cell> out = new HashMap<>();
				cols.forEach((name, idx) -> out.put(name, r.getCell(idx)));
				return out;
			}
		}
		throw new AssertionError(value + " not in " + sheet.getSheetName());
	}

	@Test
	void theWorkbookHasTypedCellsAndTheFeedServesPowerBi() throws Exception {
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
		sayText("zhangsan", "/log 恒通 电话沟通了报价");
		sayText("zhangsan", "/log 恒通 约了下周拜访");
		assertThat(sayText("zhangsan", "/stage 恒通 谈判 15万")).contains("推进到「谈判」");
		assertThat(sayText("sunli", "/new 广州南方贸易有限公司 陈总 13912345678")).contains("南方");
		mongo.updateFirst(Query.query(Criteria.where("company").is("苏州恒通机械有限公司")),
				new Update().set("contact", "=HYPERLINK(\"http://evil\")"), Customer.class);

		assertThat(sayText("zhao", "/export")).contains("/api/export/crm.xlsx");

		HttpResponse<byte[]> res = download("zhao", "/api/export/crm.xlsx");
		assertThat(res.statusCode()).isEqualTo(200);
		assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith(BiExportController.XLSX);
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.body()))) {
			assertThat(wb.getSheetName(0)).isEqualTo("customers");
			assertThat(wb.getSheet("followups")).isNotNull();
			assertThat(wb.getSheet("followup_counts")).isNotNull();
			assertThat(wb.getSheet("deals")).isNotNull();
			assertThat(wb.getSheet("stage_history")).isNotNull();
			assertThat(wb.getSheet("columns")).isNotNull();

			Sheet customers = wb.getSheet("customers");
			assertThat(customers.getRow(0).getCell(0).getStringCellValue()).isEqualTo("customer_id");
			assertThat(customers.getLastRowNum()).isEqualTo(1); // zhao (east) does not
																// see sunli's
			Map<String, Cell> c = row(customers, "name", "苏州恒通机械有限公司");
			assertThat(c.get("phones").getStringCellValue()).isEqualTo("+8613812345678");
			assertThat(c.get("contact").getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil\")");
			assertThat(c.get("contact").getCellType()).isEqualTo(CellType.STRING);
			assertThat(c.get("stage").getStringCellValue()).isEqualTo("谈判");
			assertThat(c.get("owner_id").getStringCellValue()).isEqualTo("zhangsan");
			assertThat(c.get("owner_name").getStringCellValue()).isEqualTo("张三");
			assertThat(c.get("department_name").getStringCellValue()).isEqualTo("华东销售部");
			assertThat(c.get("followup_count").getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(c.get("followup_count").getNumericCellValue()).isEqualTo(2.0);
			assertThat(c.get("deal_amount_cny").getNumericCellValue()).isEqualTo(150_000.0);
			assertThat(c.get("score").getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(c.get("created_at").getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(DateUtil.isCellDateFormatted(c.get("created_at"))).isTrue();
			assertThat(c.get("created_at").getLocalDateTimeCellValue().getYear()).isGreaterThanOrEqualTo(2026);

			Map<String, Cell> d = row(wb.getSheet("deals"), "customer_name", "苏州恒通机械有限公司");
			assertThat(d.get("amount_cny").getNumericCellValue()).isEqualTo(150_000.0);
			assertThat(d.get("status").getStringCellValue()).isEqualTo("recorded");
			assertThat(d.get("status_label").getStringCellValue()).isEqualTo("已登记");
			assertThat(DateUtil.isCellDateFormatted(d.get("created_at"))).isTrue();

			Map<String, Cell> h = row(wb.getSheet("stage_history"), "to_stage", "谈判");
			assertThat(h.get("to_label").getStringCellValue()).isEqualTo("谈判");
			assertThat(h.get("deal_amount_cny").getNumericCellValue()).isEqualTo(150_000.0);
			assertThat(DateUtil.isCellDateFormatted(h.get("at"))).isTrue();

			Map<String, Cell> n = row(wb.getSheet("followup_counts"), "customer_name", "苏州恒通机械有限公司");
			assertThat(n.get("followup_count").getNumericCellValue()).isEqualTo(2.0);
			Map<String, Cell> f = row(wb.getSheet("followups"), "text", "约了下周拜访");
			assertThat(f.get("kind").getStringCellValue()).isEqualTo("note");
			assertThat(f.get("author_name").getStringCellValue()).isEqualTo("张三");
			assertThat(DateUtil.isCellDateFormatted(f.get("at"))).isTrue();

			Map<String, Cell> doc = row(wb.getSheet("columns"), "column", "deal_amount_cny");
			assertThat(doc.get("说明").getStringCellValue()).isEqualTo("成交金额（元）");
			assertThat(doc.get("type").getStringCellValue()).isEqualTo("number");
		}

		// the Power BI feed: CSV and JSON with the personal API token
		String csv = new String(download("zhao", "/api/feed/customers.csv").body(),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFFcustomer_id,name,company,contact,title,phones,industry,industry_label")
			.contains(",+8613812345678,")
			.doesNotContain("'+86")
			.contains("\"'=HYPERLINK(\"\"http://evil\"\")\"")
			.doesNotContain("南方贸易");
		HttpResponse<byte[]> json = download("zhao", "/api/feed/customers.json");
		assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode rows = JSON.readTree(json.body());
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).get("phones").asString()).isEqualTo("+8613812345678");
		assertThat(rows.get(0).get("followup_count").isNumber()).isTrue();
		assertThat(rows.get(0).get("followup_count").asLong()).isEqualTo(2);
		assertThat(rows.get(0).get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\+08:00");
		assertThat(JSON.readTree(download("zhao", "/api/feed/deals.json").body()).get(0).get("amount_cny").asLong())
			.isEqualTo(150_000);

		// the old CSV keeps its guard but leaves phones alone
		String old = get("/api/export/customers.csv?user=zhao").body();
		assertThat(old).contains("+8613812345678").doesNotContain("'+86").contains("'=HYPERLINK");

		// no token, a role without export, an unknown table
		assertThat(download(null, "/api/feed/customers.csv").statusCode()).isIn(401, 302);
		assertThat(download("zhangsan", "/api/feed/customers.json").statusCode()).isEqualTo(403);
		assertThat(download("zhangsan", "/api/export/crm.xlsx").statusCode()).isEqualTo(403);
		assertThat(download("zhao", "/api/feed/secrets.json").statusCode()).isEqualTo(404);
		assertThat(mongo.count(Query
			.query(Criteria.where("action").is("export workbook").and("userId").is("zhao").and("allowed").is(true)),
				AuditEntry.class))
			.isEqualTo(1);
	}

	@Test
	void aRoleThatHidesDealAmountsGetsNoAmountColumns() throws Exception {
		assertThat(sayText("zhangsan", "/new 苏州恒通机械有限公司 王总 13812345678")).contains("恒通");
		// xiaowang (newcomer) hides dealAmount and may not export; the director may
		HttpResponse<byte[]> res = download("boss", "/api/export/crm.xlsx");
		assertThat(res.statusCode()).isEqualTo(200);
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.body()))) {
			Row head = wb.getSheet("customers").getRow(0);
			java.util.List<String> names = new java.util.ArrayList<>();
			head.forEach((c) -> names.add(c.getStringCellValue()));
			assertThat(names).contains("deal_amount_cny", "stage_label", "followup_count");
		}
		assertThat(download("xiaowang", "/api/export/crm.xlsx").statusCode()).isEqualTo(403);
	}

}
