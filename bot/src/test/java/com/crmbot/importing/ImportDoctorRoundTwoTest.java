package com.crmbot.importing;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.customer.Customer;
import com.crmbot.template.TemplateService;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: the cases in which the doctor lost or corrupted good data, each with a
 * fixture written here and an exact outcome.
 */
class ImportDoctorRoundTwoTest extends ImportTestSupport {

	@Autowired
	TemplateService templates;

	private Customer byCompany(String company) {
		return mongo.findOne(Query.query(Criteria.where("company").is(company)), Customer.class);
	}

	/**
	 * Write rows into a sheet: Double → number cell, LocalDate → date cell, else text.
	 */
	private static void fill(Sheet s, int firstRow, CellStyle dateStyle, Object[]... rows) {
		for (int i = 0; i < rows.length; i++) {
			Row row = s.createRow(firstRow + i);
			for (int j = 0; j < rows[i].length; j++) {
				Object v = rows[i][j];
				if (v instanceof Double d) {
					row.createCell(j).setCellValue(d);
				}
				else if (v instanceof LocalDate d) {
					row.createCell(j).setCellValue(d);
					row.getCell(j).setCellStyle(dateStyle);
				}
				else if (v != null) {
					row.createCell(j).setCellValue(v.toString());
				}
			}
		}
	}

	private static CellStyle dateStyle(XSSFWorkbook wb, String format) {
		CellStyle st = wb.createCellStyle();
		st.setDataFormat(wb.createDataFormat().getFormat(format));
		return st;
	}

	@Test
	void datesInXlsxCellsCsvTextAndSerialNumbersAllImport() {
		XSSFWorkbook wb = new XSSFWorkbook();
		Sheet s = wb.createSheet("客户");
		CellStyle ymd = dateStyle(wb, "yyyy/m/d");
		CellStyle cn = dateStyle(wb, "yyyy\"年\"m\"月\"d\"日\"");
		fill(s, 0, ymd, new Object[] { "客户名称", "联系人", "电话", "首次接触" },
				new Object[] { "苏州恒通精密机械有限公司", "王建国", "13812345678", LocalDate.of(2026, 3, 5) },
				new Object[] { "无锡华光电子有限公司", "刘强", "13912345678", 46086d });
		fill(s, 3, cn, new Object[] { "宁波海天塑机有限公司", "陈总", "13700001111", LocalDate.of(2026, 12, 31) });
		JsonNode x = upload("zhangsan", "dates.xlsx", xlsx(wb), true);
		assertThat(texts(x)).contains("将新建 3 个").contains("拒绝 0 行").contains("新建 3 个客户");
		assertThat(byCompany("苏州恒通精密机械有限公司").fields()).as("yyyy/m/d cell")
			.containsEntry("firstContactAt", "2026-03-05");
		assertThat(byCompany("无锡华光电子有限公司").fields()).as("serial number in a general cell")
			.containsEntry("firstContactAt", "2026-03-05");
		assertThat(byCompany("宁波海天塑机有限公司").fields()).as("年月日 format").containsEntry("firstContactAt", "2026-12-31");

		byte[] file = csv(StandardCharsets.UTF_8, false, "客户名称,电话,首次接触", "杭州云帆教育科技有限公司,13600000001,2026/3/5",
				"合肥明远软件有限公司,13600000002,2026年3月5日", "南京金陵商贸有限公司,13600000003,2026.3.5", "上海浦江物流有限公司,13600000004,46086",
				"广州天河电子有限公司,13600000005,2026-3-5 14:30", "深圳南山科技有限公司,13600000006,下周");
		JsonNode c = upload("zhangsan", "dates.csv", file, true);
		assertThat(texts(c)).contains("将新建 5 个").contains("拒绝 1 行").contains("第 7 行：首次接触「下周」不是日期").contains("新建 5 个客户");
		for (String company : List.of("杭州云帆教育科技有限公司", "合肥明远软件有限公司", "南京金陵商贸有限公司", "上海浦江物流有限公司", "广州天河电子有限公司")) {
			assertThat(byCompany(company).fields()).as(company).containsEntry("firstContactAt", "2026-03-05");
		}
	}

	@Test
	void aUnitInTheBudgetHeaderConvertsTheAmountsAndTheReportSaysSo() {
		byte[] file = csv(StandardCharsets.UTF_8, false, "客户名称,电话,预算(万元)", "苏州恒通精密机械有限公司,13812345678,50",
				"杭州云帆教育科技有限公司,13912345678,8.5", "宁波海天塑机有限公司,13700001111,30万", "无锡华光电子有限公司,13600001111,\"1,200\"");
		JsonNode r = upload("zhangsan", "budget.csv", file, true);
		assertThat(texts(r)).contains("「预算(万元)」的单位是万元：金额已按 ×10,000 换算为元（例如 50 → 500,000 元）").contains("新建 4 个客户");
		assertThat(byCompany("苏州恒通精密机械有限公司").budgetCny()).isEqualTo(500_000L);
		assertThat(byCompany("杭州云帆教育科技有限公司").budgetCny()).as("8.5 万元, not 9 yuan").isEqualTo(85_000L);
		assertThat(byCompany("宁波海天塑机有限公司").budgetCny()).as("an amount with its own unit keeps it").isEqualTo(300_000L);
		assertThat(byCompany("无锡华光电子有限公司").budgetCny()).isEqualTo(12_000_000L);

		byte[] thousands = csv(StandardCharsets.UTF_8, false, "公司,手机,预算（千元）,预算金额", "合肥明远软件有限公司,13511112222,3,");
		JsonNode k = upload("zhangsan", "k.csv", thousands, true);
		assertThat(texts(k)).contains("「预算(千元)」的单位是千元：金额已按 ×1,000 换算为元");
		assertThat(byCompany("合肥明远软件有限公司").budgetCny()).isEqualTo(3_000L);
	}

	@Test
	void contactsUnderAMergedCompanyCellAllReachTheCustomer() {
		XSSFWorkbook wb = new XSSFWorkbook();
		Sheet s = wb.createSheet("客户");
		fill(s, 0, null, new Object[] { "客户名称", "联系人", "职务", "手机" },
				new Object[] { "苏州恒通精密机械有限公司", "王建国", "总经理", "13812345678" },
				new Object[] { null, "李娜", "采购经理", "13912345678" }, new Object[] { null, "张伟", "工程师", 13700001111d },
				new Object[] { "无锡华光电子有限公司", "刘强", "采购", "13600001111" });
		s.addMergedRegion(new CellRangeAddress(1, 3, 0, 0));
		JsonNode r = upload("zhangsan", "merged.xlsx", xlsx(wb), true);
		String report = texts(r);
		assertThat(report).contains("将新建 2 个")
			.contains("同一公司的其他联系人 2 行")
			.contains("文件内重复跳过 0 行")
			.contains("⇉ 第 3 行：与第 2 行是同一公司的另一位联系人，电话 +86139****5678 补充到该客户")
			.contains("⇉ 第 4 行：与第 2 行是同一公司的另一位联系人")
			.contains("新建 2 个客户")
			.contains("补充同一公司的其他联系人 2 行");
		assertThat(count(Customer.class)).isEqualTo(2);
		Customer c = byCompany("苏州恒通精密机械有限公司");
		assertThat(c.phones()).containsExactly("+8613812345678", "+8613912345678", "+8613700001111");
		assertThat(c.contact()).isEqualTo("王建国");
		assertThat(c.fields().get("note")).isEqualTo("联系人：李娜 采购经理 +8613912345678\n联系人：张伟 工程师 +8613700001111");
	}

	@Test
	void totalsRowsAreIgnoredWhereverTheySitAndReported() {
		XSSFWorkbook wb = new XSSFWorkbook();
		Sheet s = wb.createSheet("客户");
		fill(s, 0, null, new Object[] { "序号", "客户名称", "电话", "预算" },
				new Object[] { "1", "苏州恒通精密机械有限公司", "13812345678", 100000d },
				new Object[] { "2", "无锡华光电子有限公司", "13912345678", 50000d }, new Object[] { "合计", null, null, 150000d });
		s.addMergedRegion(new CellRangeAddress(3, 3, 0, 2)); // 合计 over 序号, 客户名称, 电话
		JsonNode x = upload("zhangsan", "totals.xlsx", xlsx(wb), true);
		assertThat(texts(x)).contains("将新建 2 个").contains("拒绝 0 行").contains("识别到 1 个合计/小计行（第 4 行），已忽略，未作为客户。");
		assertThat(byCompany("合计")).as("no customer named 合计").isNull();
		assertThat(count(Customer.class)).isEqualTo(2);

		byte[] file = csv(StandardCharsets.UTF_8, false, "序号,客户名称,电话,预算", "1,宁波海天塑机有限公司,13700001111,10万", "小计,,,10万",
				"2,杭州云帆教育科技有限公司,13600001111,20万", "总计：2 家,,,30万", "合计,,,30万");
		JsonNode c = upload("zhangsan", "totals.csv", file, true);
		assertThat(texts(c)).contains("将新建 2 个")
			.contains("拒绝 0 行")
			.contains("识别到 3 个合计/小计行（第 3 行、第 5 行、第 6 行），已忽略，未作为客户。");
		assertThat(count(Customer.class)).isEqualTo(4);
	}

	@Test
	void aBracketedCityKeepsBranchesApartWhileGenericBracketsDoNot() {
		byte[] file = csv(StandardCharsets.UTF_8, false, "公司,电话", "恒通精密(苏州)有限公司,13800000001",
				"恒通精密(杭州)有限公司,13800000002", "恒通精密（苏州）有限责任公司,13800000001", "云帆教育科技(中国)有限公司,13800000003",
				"云帆教育科技（China）有限公司,", "云帆教育科技有限公司,");
		JsonNode r = upload("zhangsan", "branches.csv", file, true);
		assertThat(texts(r)).contains("将新建 3 个")
			.contains("文件内重复跳过 3 行")
			.contains("第 4 行：与第 2 行重复")
			.contains("第 6 行：与第 5 行重复（公司名称相同）")
			.contains("第 7 行：与第 5 行重复（公司名称相同）");
		assertThat(byCompany("恒通精密(苏州)有限公司")).isNotNull();
		assertThat(byCompany("恒通精密(杭州)有限公司")).as("another city, another firm").isNotNull();
		assertThat(count(Customer.class)).isEqualTo(3);
	}

	@Test
	void everySheetWithAHeaderIsImportedAndSkippedSheetsAreNamed() {
		XSSFWorkbook wb = new XSSFWorkbook();
		Sheet east = wb.createSheet("华东");
		fill(east, 0, null, new Object[] { "客户名称", "电话" }, new Object[] { "苏州恒通精密机械有限公司", "13812345678" },
				new Object[] { "无锡华光电子有限公司", "13912345678" });
		Sheet info = wb.createSheet("说明");
		fill(info, 0, null, new Object[] { "本表由销售部整理" }, new Object[] { "请勿外传" });
		Sheet south = wb.createSheet("华南");
		fill(south, 0, null, new Object[] { "2026 华南客户" }, new Object[] {}, new Object[] { "公司", "联系人", "手机" },
				new Object[] { "广州天河电子有限公司", "黄总", "13700001111" }, new Object[] { "深圳南山科技有限公司", "林总", "12345" },
				new Object[] { "无锡华光电子有限公司", "刘强", "13912345678" });
		wb.createSheet("空白");
		JsonNode r = upload("zhangsan", "regions.xlsx", xlsx(wb), true);
		String report = texts(r);
		assertThat(report).contains("工作簿共 4 个工作表：")
			.contains("· 「华东」：表头在第 1 行，2 行客户数据")
			.contains("· 「华南」：表头在第 3 行，3 行客户数据")
			.contains("· 「说明」：已跳过，前 30 行里没有“客户名称/公司”或“电话/手机”表头")
			.contains("· 「空白」：已跳过，工作表是空的")
			.contains("＋ 「华南」第 4 行：新建「广州天河电子有限公司」")
			.contains("✗ 「华南」第 5 行：电话无法识别「12345」")
			.contains("↷ 「华南」第 6 行：与「华东」第 3 行重复（电话 +86139****5678），跳过")
			.contains("将新建 3 个")
			.contains("新建 3 个客户");
		assertThat(byCompany("广州天河电子有限公司").contact()).isEqualTo("黄总");
		assertThat(count(Customer.class)).isEqualTo(3);
		Response csv = get("/api/import/" + r.get("importId").asString() + "/rejected.csv?user=zhangsan");
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo("\uFEFF工作表,行号,原因,客户名称,电话");
		assertThat(lines.get(1)).isEqualTo("华南,5,电话无法识别「12345」,深圳南山科技有限公司,林总,12345");
	}

	@Test
	void gradeColumnsBecomeTierTagsAndTheNoteIsKeptAndShown() {
		byte[] file = csv(StandardCharsets.UTF_8, false, "客户名称,电话,客户等级,备注", "苏州恒通精密机械有限公司,13812345678,A类,年底有扩产计划",
				"无锡华光电子有限公司,13912345678,b,");
		JsonNode r = upload("zhangsan", "grades.csv", file, true);
		assertThat(texts(r)).contains("客户等级→tags").contains("备注→note").contains("未使用的列：—");
		Customer a = byCompany("苏州恒通精密机械有限公司");
		assertThat(a.tags()).containsExactly("A");
		assertThat(a.fields()).containsEntry("note", "年底有扩产计划");
		assertThat(byCompany("无锡华光电子有限公司").tags()).containsExactly("B");
		assertThat(sayText("zhangsan", "/show 苏州恒通精密机械有限公司")).contains("备注：年底有扩产计划").contains("标签：A");

		byte[] other = csv(StandardCharsets.UTF_8, false, "公司,手机,客户分级", "宁波海天塑机有限公司,13700001111,C");
		upload("zhangsan", "grades2.csv", other, true);
		assertThat(byCompany("宁波海天塑机有限公司").tags()).containsExactly("C");
	}

	private static final byte[] LIST = csv(StandardCharsets.UTF_8, false, "客户名称,电话", "苏州恒通精密机械有限公司,13812345678");

	@Test
	void aRawBodySentAsAFormIsTheFileNotFormFields() {
		// what curl --data-binary sends: Content-Type application/x-www-form-urlencoded
		Response r = send(HttpRequest.newBuilder(uri("/api/import?user=zhangsan&file=%E5%90%8D%E5%8D%95.csv"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofByteArray(LIST))
			.build());
		assertThat(r.status()).isEqualTo(200);
		assertThat(texts(r.json())).contains("（名单.csv）").contains("将新建 1 个");
	}

	@Test
	void aMultipartUploadWithPartFileWorksWithOrWithoutAFileParameter() {
		for (String q : List.of("/api/import?user=zhangsan", "/api/import?user=zhangsan&file=a.csv&confirm=true")) {
			String boundary = "----b" + System.nanoTime();
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.writeBytes(
					("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"客户.csv\"\r\n"
							+ "Content-Type: text/csv\r\n\r\n")
						.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(LIST);
			body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			Response r = send(HttpRequest.newBuilder(uri(q))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build());
			assertThat(r.status()).as(q).isEqualTo(200);
			assertThat(texts(r.json())).as(q).contains(q.contains("file=") ? "（a.csv）" : "（客户.csv）");
		}
		assertThat(count(Customer.class)).isEqualTo(1);
	}

	/** The commands the docs and the bot's hint show, run with the real curl. */
	@Test
	void theDocumentedCurlCommandsAndTheBotsHintWork(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("客户名单.csv");
		Files.write(file, LIST);
		String base = "http://127.0.0.1:" + port;
		String auth = "Authorization: Bearer " + token("zhangsan");
		// docs/crm.md
		String docs = Files.readString(Path.of("../docs/crm.md"));
		String bearer = "curl -H \"Authorization: Bearer $TOKEN\" ";
		assertThat(docs).contains(bearer + "--data-binary @客户名单.csv \"http://localhost:8080/api/import\"")
			.contains(bearer + "--data-binary @客户名单.csv --url-query \"file=客户名单.csv\" "
					+ "\"http://localhost:8080/api/import\"")
			.contains(bearer + "-F \"file=@客户名单.csv\" \"http://localhost:8080/api/import\"");
		assertThat(curl(dir, "-H", auth, "--data-binary", "@客户名单.csv", base + "/api/import")).contains("将新建 1 个");
		String first = curl(dir, "-H", auth, "--data-binary", "@客户名单.csv", "--url-query", "file=客户名单.csv",
				base + "/api/import");
		assertThat(first).contains("将新建 1 个").contains("（客户名单.csv）");
		String second = curl(dir, "-H", auth, "-F", "file=@客户名单.csv", base + "/api/import");
		assertThat(second).contains("将新建 1 个").contains("（客户名单.csv）");
		// the hint the bot answers a file message with
		String hint = templates.reply("zh-CN", "import-upload-hint", Map.of("file", "客户名单.csv", "user", "zhangsan"));
		Matcher m = Pattern
			.compile("curl -H \"Authorization: Bearer <令牌>\" -F \"([^\"]+)\" \"http://localhost:8080([^\"]+)\"")
			.matcher(hint);
		assertThat(m.find()).as(hint).isTrue();
		assertThat(curl(dir, "-H", auth, "-F", m.group(1), base + m.group(2))).contains("将新建 1 个");
		String en = templates.reply("en", "import-upload-hint", Map.of("file", "客户名单.csv", "user", "zhangsan"));
		assertThat(en).contains("curl -H \"Authorization: Bearer <token>\" -F \"" + m.group(1)
				+ "\" \"http://localhost:8080" + m.group(2) + "\"");
	}

	private static String curl(Path dir, String... args) throws Exception {
		List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S"));
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
		byte[] out = p.getInputStream().readAllBytes();
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String body = new String(out, StandardCharsets.UTF_8);
		assertThat(p.exitValue()).as(body).isZero();
		return texts(JSON.readTree(body));
	}

}
