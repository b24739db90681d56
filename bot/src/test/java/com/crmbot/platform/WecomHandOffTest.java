package com.crmbot.platform;

import com.crmbot.testsupport.PlatformStub;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static com.crmbot.platform.WecomBotEndToEndTest.contactEventXml;
import static com.crmbot.platform.WecomBotEndToEndTest.kfEventXml;
import static com.crmbot.platform.WecomBotEndToEndTest.kfText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Customers arriving through WeCom (微信客服 and 客户联系) are handed to the rep who adds them,
 * keep one lead per person, and nothing is lost when a pull fails: the real WeCom
 * connector and WxJava against the local qyapi stand-in.
 */
class WecomHandOffTest extends PlatformTestSupport {

	@Override
	protected void extraCleanup() {
		for (String c : List.of("customer_media", "changes", "wecom_kf_cursor")) {
			mongo.remove(new Query(), c);
		}
	}

	private static String unique(String prefix) {
		return prefix + System.nanoTime();
	}

	private static String ok(String cursor, String... items) {
		return "{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"" + cursor + "\",\"has_more\":0,\"msg_list\":["
				+ String.join(",", items) + "]}";
	}

	private static String contact(String ext, String rep, String position) {
		return "{\"errcode\":0,\"errmsg\":\"ok\",\"external_contact\":{\"external_userid\":\"" + ext
				+ "\",\"name\":\"李女士\",\"position\":\"" + position
				+ "\",\"type\":1,\"corp_name\":\"星河\",\"corp_full_name\":\"杭州星河电子科技有限公司\"},"
				+ "\"follow_user\":[{\"userid\":\"" + rep + "\",\"remark\":\"李女士\",\"description\":\"d\","
				+ "\"createtime\":1700000000,\"remark_mobiles\":[\"139-0571-8888\"],\"add_way\":1}],\"next_cursor\":\"\"}";
	}

	private List<FollowUp> followUps(String customerId) {
		return mongo.find(Query.query(Criteria.where("customerId").is(customerId)).with(Sort.by("at", "_id")),
				FollowUp.class);
	}

	private List<String> sentTo(String wecomUser) {
		outbox.drain();
		return STUB.calls("/cgi-bin/message/send")
			.stream()
			.map(PlatformStub.Call::body)
			.filter((b) -> b.contains("\"touser\":\"" + wecomUser + "\""))
			.toList();
	}

	@Test
	void theRepWhoAddsACustomerOwnsTheLeadFromTheirEarlierMessages() throws Exception {
		String kf = unique("wkHand");
		String ext = unique("wmHand");
		long t = System.currentTimeMillis() / 1000;
		STUB.scriptJson("/cgi-bin/kf/sync_msg", ok("h1", kfText(unique("kh1-"), kf, ext, "你好，想问下你们的软件多少钱", 3)));
		deliverWecom(kfEventXml(kf, "KFT-H1", t), "6100001");
		await().atMost(WAIT).until(() -> count(FollowUp.class) == 1 && settled());
		Customer lead = mongo.findOne(new Query(), Customer.class);
		assertThat(lead.ownerId()).isEqualTo("zhao"); // nobody owns it: the default user
		await().atMost(WAIT).until(() -> !sentTo("ZhaoZhuGuan").isEmpty());
		// the rep cannot see it yet
		assertThat(sayText("zhangsan", "/find " + lead.name())).doesNotContain("想问下你们的软件多少钱");

		STUB.defaultJson("/cgi-bin/externalcontact/get", contact(ext, "ZhangSan", "采购经理"));
		deliverWecom(contactEventXml("add_external_contact", "ZhangSan", ext, t + 1), "6100002");
		await().atMost(WAIT).until(() -> "zhangsan".equals(mongo.findById(lead.id(), Customer.class).ownerId()));
		await().atMost(WAIT).until(this::settled);
		Customer claimed = mongo.findById(lead.id(), Customer.class);
		assertThat(count(Customer.class)).isEqualTo(1);
		assertThat(claimed.department()).isEqualTo("east");
		assertThat(claimed.company()).isEqualTo("杭州星河电子科技有限公司");
		assertThat(claimed.title()).isEqualTo("采购经理");
		await().atMost(WAIT).until(() -> sentTo("ZhangSan").stream().anyMatch((b) -> b.contains("已归到您名下")));
		assertThat(followUps(lead.id())).extracting(FollowUp::text)
			.anySatisfy((x) -> assertThat(x).contains("张三", "添加了该客户的企业微信"));
		// the rep's own chat sees it, with the earlier message
		assertThat(sayText("zhangsan", "/find 星河")).contains("杭州星河电子科技有限公司", "想问下你们的软件多少钱");

		// the customer's next message goes to the rep, not to the default user
		int zhaoBefore = sentTo("ZhaoZhuGuan").size();
		STUB.scriptJson("/cgi-bin/kf/sync_msg", ok("h2", kfText(unique("kh2-"), kf, ext, "报价单收到了", 3)));
		deliverWecom(kfEventXml(kf, "KFT-H2", t + 2), "6100003");
		await().atMost(WAIT).until(() -> followUps(lead.id()).size() == 3 && settled());
		await().atMost(WAIT).until(() -> sentTo("ZhangSan").stream().anyMatch((b) -> b.contains("报价单收到了")));
		assertThat(sentTo("ZhaoZhuGuan")).hasSize(zhaoBefore);
	}

	@Test
	void aStrangersSecondMessageWithoutTheCompanyJoinsTheFirst() throws Exception {
		say("zhangsan", "/new 宁波港联物流有限公司 周经理 13800138000");
		Customer known = mongo.findOne(new Query(), Customer.class);
		String kf = unique("wkJoin");
		String ext = unique("wmJoin");
		long t = System.currentTimeMillis() / 1000;
		STUB.scriptJson("/cgi-bin/kf/sync_msg", ok("j1", kfText(unique("kj1-"), kf, ext, "我是宁波港联物流有限公司的小周，想了解一下报价", 3)),
				ok("j2", kfText(unique("kj2-"), kf, ext, "另外能不能先试用一个月", 3)));
		deliverWecom(kfEventXml(kf, "KFT-J1", t), "6200001");
		await().atMost(WAIT).until(() -> count(FollowUp.class) == 1 && settled());
		deliverWecom(kfEventXml(kf, "KFT-J2", t + 1), "6200002");
		await().atMost(WAIT).until(() -> count(FollowUp.class) == 2 && settled());
		assertThat(count(Customer.class)).isEqualTo(1);
		assertThat(followUps(known.id())).extracting(FollowUp::text)
			.containsExactly("我是宁波港联物流有限公司的小周，想了解一下报价", "另外能不能先试用一个月");
		assertThat(mongo.findById(known.id(), Customer.class).externalUserId()).isEqualTo(ext);
	}

	@Test
	void aFailedPullIsRetriedByTheAppItselfAndAnInvalidTokenFallsBackToAPullWithoutIt() throws Exception {
		String kf = unique("wkRetry");
		String ext = unique("wmRetry");
		long t = System.currentTimeMillis() / 1000;
		STUB.scriptJson("/cgi-bin/kf/sync_msg", "{\"errcode\":95001,\"errmsg\":\"send msg count limit\"}",
				ok("r1", kfText(unique("kr1-"), kf, ext, "请问你们支持私有化部署吗", 3)));
		deliverWecom(kfEventXml(kf, "KFT-R1", t), "6300001");
		// no second callback: the app pulls again by itself
		await().atMost(WAIT).until(() -> count(FollowUp.class) == 1 && settled());
		assertThat(STUB.calls("/cgi-bin/kf/sync_msg")).hasSize(2);
		assertThat(mongo.findOne(new Query(), FollowUp.class).text()).isEqualTo("请问你们支持私有化部署吗");

		// 95007: the callback's token is refused; the pull is repeated at once without it
		STUB.reset();
		STUB.scriptJson("/cgi-bin/kf/sync_msg", "{\"errcode\":95007,\"errmsg\":\"invalid msg token\"}",
				ok("r2", kfText(unique("kr2-"), kf, ext, "好的谢谢", 3)));
		deliverWecom(kfEventXml(kf, "KFT-STALE", t + 1), "6300002");
		await().atMost(WAIT).until(() -> count(FollowUp.class) == 2 && settled());
		List<PlatformStub.Call> pulls = STUB.calls("/cgi-bin/kf/sync_msg");
		assertThat(pulls).hasSize(2);
		assertThat(pulls.get(0).body()).contains("KFT-STALE");
		assertThat(pulls.get(1).body()).doesNotContain("KFT-STALE").contains("\"cursor\":\"r1\"");
	}

	@Test
	void anEditedContactUpdatesTheLeadWithTheChangeInItsHistory() throws Exception {
		String ext = unique("wmEdit");
		long t = System.currentTimeMillis() / 1000;
		STUB.defaultJson("/cgi-bin/externalcontact/get", contact(ext, "ZhangSan", "采购经理"));
		deliverWecom(contactEventXml("add_external_contact", "ZhangSan", ext, t), "6400001");
		await().atMost(WAIT).until(() -> count(Customer.class) == 1 && settled());
		Customer c = mongo.findOne(new Query(), Customer.class);
		assertThat(c.title()).isEqualTo("采购经理");

		STUB.defaultJson("/cgi-bin/externalcontact/get", contact(ext, "ZhangSan", "采购总监"));
		deliverWecom(contactEventXml("edit_external_contact", "ZhangSan", ext, t + 1), "6400002");
		await().atMost(WAIT).until(() -> "采购总监".equals(mongo.findById(c.id(), Customer.class).title()));
		await().atMost(WAIT).until(this::settled);
		assertThat(followUps(c.id())).extracting(FollowUp::text)
			.anySatisfy((x) -> assertThat(x).contains("企业微信资料变更", "职务：采购经理 → 采购总监"));
		assertThat(sayText("zhangsan", "/全部跟进 星河")).contains("采购经理 → 采购总监");
		// the same edit again changes nothing more
		deliverWecom(contactEventXml("edit_external_contact", "ZhangSan", ext, t + 2), "6400003");
		await().atMost(WAIT).until(() -> STUB.calls("/cgi-bin/externalcontact/get").size() == 3 && settled());
		assertThat(followUps(c.id())).filteredOn((f) -> f.kind() == FollowUp.Kind.SYSTEM).hasSize(1);
	}

	@Test
	void aCustomersImageIsFetchedAndAttachedToTheFollowUp() throws Exception {
		byte[] jpeg = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1 };
		STUB.file("/cgi-bin/media/get", jpeg);
		String kf = unique("wkImg");
		String ext = unique("wmImg");
		String msgId = unique("kimg-");
		String image = "{\"msgid\":\"" + msgId + "\",\"open_kfid\":\"" + kf + "\",\"external_userid\":\"" + ext
				+ "\",\"send_time\":1700000000,\"origin\":3,\"msgtype\":\"image\",\"image\":{\"media_id\":\"MEDIA-IMG-1\"}}";
		STUB.scriptJson("/cgi-bin/kf/sync_msg", ok("i1", image));
		deliverWecom(kfEventXml(kf, "KFT-I1", System.currentTimeMillis() / 1000), "6500001");
		await().atMost(WAIT).until(() -> count(FollowUp.class) == 1 && settled());
		FollowUp f = mongo.findOne(new Query(), FollowUp.class);
		assertThat(f.attachment()).isEqualTo("media:wecom:" + msgId);
		assertThat(STUB.calls("/cgi-bin/media/get")).singleElement()
			.satisfies((c) -> assertThat(c.query()).contains("media_id=MEDIA-IMG-1"));
		Document stored = mongo.findById("wecom:" + msgId, Document.class, "customer_media");
		assertThat(stored).isNotNull();
		assertThat(stored.getString("contentType")).isEqualTo("image/jpeg");
		assertThat(new String(stored.get("data", org.bson.types.Binary.class).getData(), StandardCharsets.ISO_8859_1))
			.isEqualTo(new String(jpeg, StandardCharsets.ISO_8859_1));
	}

}
