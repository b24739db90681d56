package com.crmbot.importing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.crmbot.customer.Customer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import doctor on the troubles real customer lists have, each with its own fixture.
 */
class LeadImportTest extends ImportTestSupport {

	private static final Charset GBK = Charset.forName("GBK");

	private Customer byCompany(String company) {
		return mongo.findOne(Query.query(Criteria.where("company").is(company)), Customer.class);
	}

	@Test
	void gbkCsvIsDetectedReportedAndImportedOnConfirm() {
		byte[] file = csv(GBK, false, "客户名称,联系人,职务,电话,预算", "苏州恒通精密机械有限公司,王建国,总经理,13812345678,50万",
				"杭州云帆教育科技有限公司,李老师,校长,0571-88001234,20w");
		JsonNode r = upload("zhangsan", "客户名单.csv", file, false);
		String report = texts(r);
		assertThat(report).contains("编码：GB18030")
			.contains("表头在第 1 行")
			.contains("将新建 2 个")
			.contains("第 2 行：新建「苏州恒通精密机械有限公司」")
			.contains("/import confirm " + r.get("importId").asString());
		assertThat(count(Customer.class)).as("the doctor creates nothing").isZero();

		String done = sayText("zhangsan", "/import confirm " + r.get("importId").asString());
		assertThat(done).contains("新建 2 个客户");
		Customer c = byCompany("苏州恒通精密机械有限公司");
		assertThat(c.contact()).isEqualTo("王建国");
		assertThat(c.title()).isEqualTo("总经理");
		assertThat(c.phones()).containsExactly("+8613812345678");
		assertThat(c.budgetCny()).isEqualTo(500000L);
		assertThat(c.ownerId()).isEqualTo("zhangsan");
		assertThat(c.stage()).isEqualTo("线索");
		assertThat(byCompany("杭州云帆教育科技有限公司").phones()).containsExactly("+8657188001234");
		assertThat(byCompany("杭州云帆教育科技有限公司").budgetCny()).isEqualTo(200000L);
	}

	@Test
	void utf8WithBomAndEnglishHeadersFullWidthAndInvisibleCharacters() {
		byte[] file = csv(StandardCharsets.UTF_8, true, "Company Name,Contact,Phone,Size",
				"\u200BＡＢＣ软件有限公司\u00A0,Tom,１３９００００１１１１,51-200人");
		JsonNode r = upload("zhangsan", "leads.csv", file, true);
		assertThat(texts(r)).contains("UTF-8 (BOM)").contains("新建 1 个客户");
		Customer c = byCompany("ABC软件有限公司");
		assertThat(c).as("BOM, zero-width space, NBSP and full-width letters cleaned").isNotNull();
		assertThat(c.phones()).containsExactly("+8613900001111");
		assertThat(c.fields()).containsEntry("size", "51-200人");
	}

	@Test
	void onePhoneInFiveFormatsIsOneCustomer() {
		byte[] file = csv(StandardCharsets.UTF_8, false, "联系人,手机", "王总,138 1234 5678", "王总,+86 138-1234-5678",
				"王总,86-13812345678", "王总,１３８１２３４５６７８", "王总,(+86)13812345678");
		JsonNode r = upload("zhangsan", "phones.csv", file, false);
		assertThat(texts(r)).contains("将新建 1 个")
			.contains("文件内重复跳过 4 行")
			.contains("第 3 行：与第 2 行重复（电话 +86138****5678）")
			.contains("第 6 行：与第 2 行重复");
		sayText("zhangsan", "/import confirm " + r.get("importId").asString());
		assertThat(count(Customer.class)).isEqualTo(1);
		assertThat(mongo.findAll(Customer.class).get(0).phones()).containsExactly("+8613812345678");
	}

	@Test
	void legalSuffixesAndBracketsDoNotMakeTwoCompanies() {
		byte[] file = csv(StandardCharsets.UTF_8, false, "公司,电话", "苏州恒通精密机械有限公司,", "苏州恒通精密机械股份有限公司,",
				"苏州恒通精密机械(中国)有限公司,", "苏州恒通精密机械（中国）有限责任公司,");
		JsonNode r = upload("zhangsan", "companies.csv", file, true);
		assertThat(texts(r)).contains("新建 1 个客户").contains("跳过重复 3 行");
		assertThat(count(Customer.class)).isEqualTo(1);
	}

	@Test
	void severalPhonesInOneCellAndNumbersStoredAsText() {
		byte[] file = csv(StandardCharsets.UTF_8, false, "客户名称,电话,预算(元)",
				"宁波海天塑机有限公司,\"13812345678/0574-86180000；13900001111(微信同号)\",\"300,000\"");
		upload("zhangsan", "multi.csv", file, true);
		Customer c = byCompany("宁波海天塑机有限公司");
		assertThat(c.phones()).containsExactly("+8613812345678", "+8657486180000", "+8613900001111");
		assertThat(c.budgetCny()).isEqualTo(300000L);
	}

	@Test
	void mergedCellXlsxIsFilledDownAndDecorativeRowsIgnored() {
		XSSFWorkbook wb = new XSSFWorkbook();
		Sheet s = wb.createSheet("客户");
		s.createRow(0).createCell(0).setCellValue("2026 年华东区客户名单（内部资料）");
		s.addMergedRegion(new CellRangeAddress(0, 0, 0, 3));
		s.createRow(1); // blank
		Row h = s.createRow(2);
		String[] header = { "地区", "客户名称", "联系人", "手机号" };
		for (int i = 0; i < header.length; i++) {
			h.createCell(i).setCellValue(header[i]);
		}
		Object[][] data = { { "江苏", "苏州恒通精密机械有限公司", "王建国", 13812345678d }, { null, "无锡华光电子有限公司", "刘强", "13912345678" },
				{ "浙江", "宁波海天塑机有限公司", "陈总", 13700001111d } };
		for (int i = 0; i < data.length; i++) {
			Row row = s.createRow(3 + i);
			for (int j = 0; j < 4; j++) {
				Object v = data[i][j];
				if (v instanceof Double d) {
					row.createCell(j).setCellValue(d);
				}
				else if (v != null) {
					row.createCell(j).setCellValue((String) v);
				}
			}
		}
		s.addMergedRegion(new CellRangeAddress(3, 4, 0, 0)); // 江苏 spans two rows
		s.createRow(7).createCell(0).setCellValue("合计：3 家");
		JsonNode r = upload("zhangsan", "客户.xlsx", xlsx(wb), true);
		assertThat(texts(r)).contains("表头在第 3 行").contains("将新建 3 个").contains("新建 3 个客户").contains("拒绝 0 行");
		assertThat(byCompany("无锡华光电子有限公司").region()).as("merged cell filled down").isEqualTo("江苏");
		assertThat(byCompany("苏州恒通精密机械有限公司").phones()).as("number cell, no 1.38E10").containsExactly("+8613812345678");
		assertThat(byCompany("宁波海天塑机有限公司").region()).isEqualTo("浙江");
	}

	@Test
	void existingCustomersAreMergedNotDuplicatedAndTheSameFileTwiceCreatesNothing() {
		say("zhangsan", "/new 苏州恒通精密机械有限公司 13812345678");
		byte[] file = csv(StandardCharsets.UTF_8, false, "客户名称,联系人,电话", "苏州恒通精密机械有限公司,王建国,13812345678",
				"合肥明远软件有限公司,赵敏,13511112222");
		JsonNode first = upload("zhangsan", "a.csv", file, false);
		assertThat(texts(first)).contains("将新建 1 个，合并到已有客户 1 个").contains("第 2 行：已有客户「苏州恒通精密机械有限公司」");
		sayText("zhangsan", "/import confirm " + first.get("importId").asString());
		assertThat(count(Customer.class)).isEqualTo(2);
		assertThat(byCompany("苏州恒通精密机械有限公司").contact()).as("missing facts filled in").isEqualTo("王建国");

		JsonNode second = upload("zhangsan", "a (1).csv", file, true);
		assertThat(texts(second)).contains("将新建 0 个")
			.contains("已在导入 #" + first.get("importId").asString())
			.contains("新建 0 个客户");
		assertThat(count(Customer.class)).isEqualTo(2);
	}

	@Test
	void badRowsAreRejectedWithRowAndReasonAndDownloadableWhileGoodRowsImport() {
		byte[] file = csv(StandardCharsets.UTF_8, false, "客户名称,电话,预算,规模,联系人", "好客户一有限公司,13800000001,10万,1-50人,甲",
				",12345,,,乙", "坏预算有限公司,13800000003,很多,,丙", "坏规模有限公司,13800000004,,巨大,丁", ",,,,戊",
				"=HYPERLINK(\"http://x\")有限公司,13800000006,,,己", "好客户二有限公司,13800000007,,,庚");
		JsonNode r = upload("zhangsan", "bad.csv", file, true);
		String report = texts(r);
		assertThat(report).contains("拒绝 4 行")
			.contains("第 3 行：电话无法识别「12345」，且没有客户名称")
			.contains("第 4 行：预算「很多」不是金额")
			.contains("第 5 行：规模「巨大」不在允许值")
			.contains("第 6 行：缺少客户名称和电话")
			.contains("新建 3 个客户");
		assertThat(count(Customer.class)).isEqualTo(3);
		String id = r.get("importId").asString();
		Response csv = get("/api/import/" + id + "/rejected.csv?user=zhangsan");
		assertThat(csv.status()).isEqualTo(200);
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo("\uFEFF行号,原因,客户名称,电话,预算,规模,联系人");
		assertThat(lines).hasSize(5);
		assertThat(lines.get(1)).startsWith("3,").contains("12345");
		assertThat(lines.get(2)).startsWith("4,预算「很多」不是金额");
		assertThat(get("/api/import/" + id + "/rejected.csv?user=lisi").status()).as("not lisi's import")
			.isEqualTo(404);
	}

	@Test
	void aFileThatIsNotATableGetsAClearAnswerAndLeavesNothing() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };
		assertThat(texts(upload("zhangsan", "photo.csv", png, false))).contains("无法导入「photo.csv」").contains("二进制文件");
		assertThat(texts(upload("zhangsan", "notes.csv", "今天天气不错\n明天开会\n".getBytes(StandardCharsets.UTF_8), false)))
			.contains("没有找到表头");
		assertThat(texts(upload("zhangsan", "broken.xlsx", new byte[] { 'P', 'K', 3, 4, 1, 2, 3 }, false)))
			.contains("无法作为 Excel 表格打开");
		assertThat(count(LeadImport.class)).isZero();
		assertThat(mongo.count(new Query(), ImportReject.class)).isZero();
	}

	@Autowired
	ImportStoreFaults.CrashingImportStore store;

	@Test
	void anInterruptedImportResumesWithoutDuplicatesOrGaps() {
		StringBuilder sb = new StringBuilder("客户名称,电话\n");
		for (int i = 1; i <= 1200; i++) {
			sb.append("测试客户").append(i).append("有限公司,").append(13600000000L + i).append('\n');
		}
		JsonNode r = upload("zhangsan", "big.csv", sb.toString().getBytes(StandardCharsets.UTF_8), false);
		String id = r.get("importId").asString();
		// crash after the second batch's customers were written but before its cursor was
		// saved
		store.crashAtBatch(2);
		try {
			assertThatThrownBy(() -> say("zhangsan", "/import confirm " + id)).hasMessageContaining("503");
		}
		finally {
			store.crashAtBatch(0);
		}
		assertThat(count(Customer.class)).isEqualTo(1000);
		LeadImport crashed = store.get(id).orElseThrow();
		assertThat(crashed.state()).isEqualTo(LeadImport.State.IMPORTING);
		assertThat(crashed.cursor()).isEqualTo(501);
		assertThat(sayText("zhangsan", "/import confirm " + id)).as("a live import is not run twice").contains("正在进行中");
		// the process died: its heartbeat goes stale
		mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("heartbeat", Instant.parse("2020-01-01T00:00:00Z")), LeadImport.class);
		assertThat(sayText("zhangsan", "/import confirm " + id)).contains("新建 1200 个客户").contains("跳过重复 0 行");
		assertThat(count(Customer.class)).isEqualTo(1200);
		for (int i : new int[] { 1, 500, 501, 1000, 1001, 1200 }) {
			assertThat(byCompany("测试客户" + i + "有限公司")).as("row for customer " + i).isNotNull();
		}
		assertThat(sayText("zhangsan", "/import confirm " + id)).as("done stays done").contains("新建 1200 个客户");
		assertThat(count(Customer.class)).isEqualTo(1200);
	}

	@Test
	void anOversizedFileIsRefusedAndNothingIsKept() {
		// the import tests' limit is 1 MB (ImportTestSupport)
		// (a little over it: far larger bodies are refused before the import sees them)
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes("客户名称,电话\n".getBytes(StandardCharsets.UTF_8));
		for (int i = 1; out.size() <= 1_048_576; i++) {
			out.writeBytes(("超限客户" + i + "有限公司," + (13700000000L + i) + "\n").getBytes(StandardCharsets.UTF_8));
		}
		byte[] file = out.toByteArray();
		assertThat(texts(upload("zhangsan", "big.csv", file, true))).contains("无法导入「big.csv」：文件超过 1 MB 的上限");
		assertThat(count(LeadImport.class)).isZero();
		assertThat(count(Customer.class)).isZero();
	}

	@Autowired
	ImportFlow flow;

	@Test
	void aLongImportRunsInTheBackgroundAndReportsProgressInTheChat() throws Exception {
		StringBuilder sb = new StringBuilder("客户名称,电话\n");
		for (int i = 1; i <= 1200; i++) {
			sb.append("进度客户").append(i).append("有限公司,").append(13500000000L + i).append('\n');
		}
		String id = upload("zhangsan", "long.csv", sb.toString().getBytes(StandardCharsets.UTF_8), false)
			.get("importId")
			.asString();
		var actor = new com.crmbot.chat.Actor(configUser("zhangsan"), configRole("zhangsan"));
		assertThat(flow.confirm(actor, id, true)).extracting((r) -> r.text())
			.singleElement()
			.asString()
			.contains("导入 #" + id + " 已开始（1200 行）");
		// the summary is pushed right after the import is marked DONE: wait for both
		long deadline = System.currentTimeMillis() + 60_000;
		List<String> pushes = pushesTo("zhangsan");
		while ((store.get(id).orElseThrow().state() != LeadImport.State.DONE
				|| pushes.stream().noneMatch((t) -> t.startsWith("✅ 导入 #" + id)))
				&& System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			pushes = pushesTo("zhangsan");
		}
		assertThat(pushes).contains("导入 #" + id + " 进度 40%：已新建 500，合并 0，跳过 0。",
				"导入 #" + id + " 进度 80%：已新建 1000，合并 0，跳过 0。");
		assertThat(pushes).anyMatch((t) -> t.startsWith("✅ 导入 #" + id) && t.contains("新建 1200 个客户"));
		assertThat(count(Customer.class)).isEqualTo(1200);
	}

	private List<String> pushesTo(String user) {
		return mongo
			.find(Query.query(Criteria.where("recipient.id").is(user)), com.crmbot.connector.outbox.OutboxEntry.class)
			.stream()
			.map((e) -> e.reply().text())
			.toList();
	}

	@Autowired
	com.crmbot.config.ConfigService configService;

	private com.crmbot.config.OrgConfig.User configUser(String id) {
		return configService.get().user(id).orElseThrow();
	}

	private com.crmbot.config.OrgConfig.Role configRole(String id) {
		return configService.get().roleOf(configUser(id));
	}

}
