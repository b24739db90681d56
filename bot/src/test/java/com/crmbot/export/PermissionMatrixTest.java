package com.crmbot.export;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.crmbot.access.AuditEntry;
import com.crmbot.customer.Customer;
import com.crmbot.support.BotTestSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each role × each customer command and the export API × own / someone else's / old
 * customers, from the roles in config/org.yaml.
 */
class PermissionMatrixTest extends BotTestSupport {

	private static final String OWN_REP = "张三自己的客户有限公司";

	private static final String NEWCOMER_RECENT = "小王新客户有限公司";

	private static final String NEWCOMER_OLD = "小王去年的客户有限公司";

	private static final String SOUTH = "孙丽华南客户有限公司";

	private static final List<String> ALL = List.of(OWN_REP, NEWCOMER_RECENT, NEWCOMER_OLD, SOUTH);

	/** Who sees which customer. */
	private static final Map<String, Set<String>> VISIBLE = new LinkedHashMap<>();

	static {
		VISIBLE.put("zhangsan", Set.of(OWN_REP)); // rep: own
		VISIBLE.put("lisi", Set.of()); // rep: nothing of others
		VISIBLE.put("xiaowang", Set.of(NEWCOMER_RECENT)); // newcomer: own, last 30 days
		VISIBLE.put("zhao", Set.of(OWN_REP, NEWCOMER_RECENT, NEWCOMER_OLD)); // supervisor
																				// east
		VISIBLE.put("qian", Set.of(SOUTH)); // supervisor south
		VISIBLE.put("sunli", Set.of(SOUTH)); // rep south, own
		VISIBLE.put("boss", Set.copyOf(ALL)); // director
		VISIBLE.put("admin", Set.copyOf(ALL)); // admin
	}

	private static final Set<String> EXPORTERS = Set.of("zhao", "qian", "boss", "admin");

	@Override
	protected void extraCleanup() {
		for (String c : List.of("audit_log", "stage_history", "tasks")) {
			mongo.remove(new Query(), c);
		}
	}

	private void seed() {
		say("zhangsan", "/new " + OWN_REP + " 13800000001");
		say("xiaowang", "/new " + NEWCOMER_RECENT + " 13800000002");
		say("xiaowang", "/new " + NEWCOMER_OLD + " 13800000003");
		say("sunli", "/new " + SOUTH + " 13800000004");
		Instant old = Instant.now().minus(400, ChronoUnit.DAYS);
		mongo.updateFirst(Query.query(Criteria.where("company").is(NEWCOMER_OLD)),
				new Update().set("createdAt", old).set("assignedAt", old), Customer.class);
		// everyone in the pool: decision maker +10, budget +20, phone +5
		mongo.updateMulti(new Query(),
				new Update().set("decisionMaker", true)
					.set("budgetCny", 100000L)
					.set("score", 35)
					.set("lastContactAt", Instant.now()),
				Customer.class);
	}

	@Test
	void everyCustomerCommandRespectsOwnDepartmentAllAndTheNewcomerWindow() {
		seed();
		SoftAssertions soft = new SoftAssertions();
		List<String> commands = List.of("/show %s", "/score %s", "/stage %s", "/log %s 电话回访", "/tpl quote %s",
				"/set %s 地区 江苏", "/tag %s B", "/stage %s 意向");
		VISIBLE.forEach((user, visible) -> {
			for (String customer : ALL) {
				boolean may = visible.contains(customer);
				for (String command : commands) {
					String c = String.format(command, customer);
					String answer = sayText(user, c);
					if (may) {
						soft.assertThat(answer).as(user + " " + c).doesNotContain("无权").doesNotContain("not visible");
					}
					else {
						soft.assertThat(answer).as(user + " " + c).containsAnyOf("没有找到客户", "No customer");
					}
				}
			}
			String pool = sayText(user, "/pool");
			for (String customer : ALL) {
				if (visible.contains(customer)) {
					soft.assertThat(pool).as(user + " /pool").contains(customer);
				}
				else {
					soft.assertThat(pool).as(user + " /pool").doesNotContain(customer);
				}
			}
			String find = sayText(user, "/find 有限公司");
			for (String customer : ALL) {
				soft.assertThat(find.contains(customer))
					.as(user + " /find " + customer)
					.isEqualTo(visible.contains(customer));
			}
		});
		soft.assertAll();
		// writes by those who may not see a customer changed nothing
		Customer south = mongo.findOne(Query.query(Criteria.where("company").is(SOUTH)), Customer.class);
		assertThat(south.tags()).containsExactly("B"); // tagged by qian, sunli, boss,
														// admin only
		Customer old = mongo.findOne(Query.query(Criteria.where("company").is(NEWCOMER_OLD)), Customer.class);
		assertThat(mongo.count(Query.query(Criteria.where("customerId").is(old.id()).and("authorId").is("xiaowang")),
				"followups"))
			.as("the newcomer could not log on last year's customer")
			.isZero();
	}

	@Test
	void onlyExportRolesExportAndOnlyWhatTheySeeEverythingAudited() {
		seed();
		mongo.updateFirst(Query.query(Criteria.where("company").is(OWN_REP)),
				new Update().set("contact", "=HYPERLINK(\"http://evil\",\"点我\")").set("dealAmount", 880000L),
				Customer.class);
		for (String user : VISIBLE.keySet()) {
			boolean may = EXPORTERS.contains(user);
			for (String kind : List.of("customers", "followups", "deals")) {
				String chat = sayText(user, "/export " + kind);
				Response http = get("/api/export/" + kind + ".csv?user=" + user);
				if (may) {
					assertThat(chat).as(user + " /export " + kind).containsAnyOf("导出已就绪", "Export ready");
					assertThat(http.status()).as(user + " GET " + kind).isEqualTo(200);
				}
				else {
					assertThat(chat).as(user + " /export " + kind).contains("无权导出");
					assertThat(http.status()).as(user + " GET " + kind).isEqualTo(403);
				}
			}
			if (may) {
				String csv = get("/api/export/customers.csv?user=" + user).body();
				for (String customer : ALL) {
					assertThat(csv.contains(customer)).as(user + " export " + customer)
						.isEqualTo(VISIBLE.get(user).contains(customer));
				}
			}
		}
		String zhao = get("/api/export/customers.csv?user=zhao").body();
		assertThat(zhao).as("formula neutralized")
			.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\"")
			.doesNotContain(",=HYPERLINK")
			.contains("880000")
			.startsWith("\uFEFF编号,客户名称,公司,联系人")
			.contains(",成交金额(元)")
			.contains(",张三,华东销售部,")
			.doesNotContain(",zhangsan,", ",east,");
		String deals = get("/api/export/deals.csv?user=zhao").body();
		assertThat(deals).contains(OWN_REP).contains("880000").doesNotContain(NEWCOMER_RECENT);

		long denied = mongo.count(Query.query(Criteria.where("allowed").is(false)), AuditEntry.class);
		long allowed = mongo.count(Query.query(Criteria.where("allowed").is(true)), AuditEntry.class);
		assertThat(denied).isEqualTo(4 * 3 * 2); // 4 users × 3 kinds × chat + http
		assertThat(allowed).isEqualTo(4 * 3 * 2 + 4 + 2);
		String audit = sayText("admin", "/audit 100");
		assertThat(audit).contains("zhangsan (rep) export customers [http] denied")
			.contains("zhao (supervisor) export customers [chat] allowed");
		assertThat(sayText("zhao", "/audit")).contains("无权使用 /audit");
		// the import's rejected rows belong to the importer
		assertThat(get("/api/import/999999/rejected.csv?user=zhangsan").status()).isEqualTo(404);
	}

}
