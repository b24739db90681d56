package com.crmbot.connector.dingtalk;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.aliyun.dingtalkcontact_1_0.models.GetUserHeaders;
import com.aliyun.dingtalkim_1_0.models.BatchQueryGroupMemberHeaders;
import com.aliyun.dingtalkim_1_0.models.BatchQueryGroupMemberRequest;
import com.aliyun.dingtalkoauth2_1_0.models.GetUserTokenRequest;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import com.crmbot.connector.Platform;
import com.crmbot.connector.PlatformAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * DingTalk identities at the configured hosts ({@code crmbot.dingtalk.api-endpoint},
 * {@code crmbot.dingtalk.oapi-base-url}):
 * <ul>
 * <li>in-app (免登) auth code → {@code POST /topapi/v2/user/getuserinfo} with the app's
 * access token from the SDK (the current SDK has no binding for this old-host call);</li>
 * <li>OAuth2 (QR) auth code → SDK {@code oauth2/userAccessToken} → SDK
 * {@code contact/users/me} (unionId) → {@code POST /topapi/user/getbyunionid};</li>
 * <li>group members → SDK {@code /v1.0/im/sceneGroups/members/batchQuery}.</li>
 * </ul>
 */
public class DingTalkAccounts implements PlatformAccounts {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final DingTalkProperties props;

	private final DingTalkApi api;

	private final String coolAppCode;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public DingTalkAccounts(DingTalkProperties props, DingTalkApi api, String coolAppCode) {
		this.props = props;
		this.api = api;
		this.coolAppCode = coolAppCode;
	}

	@Override
	public Platform platform() {
		return Platform.DINGTALK;
	}

	@Override
	public String appId() {
		return props.key();
	}

	@Override
	public String agentId() {
		return null;
	}

	@Override
	public String userIdFromCode(String code) throws Exception {
		return text(oapi("/topapi/v2/user/getuserinfo", Map.of("code", code)).path("result").path("userid"));
	}

	@Override
	public String userIdFromLoginCode(String authCode) throws Exception {
		var oauth = new com.aliyun.dingtalkoauth2_1_0.Client(config());
		String token = oauth
			.getUserTokenWithOptions(new GetUserTokenRequest().setClientId(props.key())
				.setClientSecret(props.secret())
				.setCode(authCode)
				.setGrantType("authorization_code"), new java.util.HashMap<>(), runtime())
			.getBody()
			.getAccessToken();
		if (token == null || token.isBlank()) {
			return null;
		}
		GetUserHeaders h = new GetUserHeaders();
		h.xAcsDingtalkAccessToken = token;
		String unionId = new com.aliyun.dingtalkcontact_1_0.Client(config()).getUserWithOptions("me", h, runtime())
			.getBody()
			.getUnionId();
		if (unionId == null || unionId.isBlank()) {
			return null;
		}
		String userId = text(
				oapi("/topapi/user/getbyunionid", Map.of("unionid", unionId)).path("result").path("userid"));
		return (userId != null) ? userId : "unionid:" + unionId;
	}

	@Override
	public Optional<List<String>> groupMembers(String openConversationId) throws Exception {
		var client = new com.aliyun.dingtalkim_1_0.Client(config());
		List<String> out = new ArrayList<>();
		String next = null;
		for (int page = 0; page < 50; page++) {
			BatchQueryGroupMemberRequest req = new BatchQueryGroupMemberRequest()
				.setOpenConversationId(openConversationId)
				.setCoolAppCode(coolAppCode)
				.setMaxResults(300L)
				.setNextToken(next);
			BatchQueryGroupMemberHeaders h = new BatchQueryGroupMemberHeaders();
			h.xAcsDingtalkAccessToken = api.accessToken();
			var body = client.batchQueryGroupMemberWithOptions(req, h, runtime()).getBody();
			if (body == null || body.getMemberUserIds() == null) {
				return Optional.empty();
			}
			out.addAll(body.getMemberUserIds());
			next = body.getNextToken();
			if (!Boolean.TRUE.equals(body.getHasMore()) || next == null || next.isBlank()) {
				return Optional.of(out);
			}
		}
		return Optional.empty();
	}

	/** A call to DingTalk's old API host with the app's access token. */
	private JsonNode oapi(String path, Map<String, String> body) throws Exception {
		String url = props.oapiBaseUrl().replaceAll("/+$", "") + path + "?access_token="
				+ URLEncoder.encode(api.accessToken(), StandardCharsets.UTF_8);
		HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		if (resp.statusCode() != 200) {
			throw new IllegalStateException("DingTalk " + path + " answered HTTP " + resp.statusCode());
		}
		JsonNode n = JSON.readTree(resp.body());
		int errcode = n.path("errcode").asInt(0);
		if (errcode != 0) {
			if (errcode == 40014 || errcode == 88) {
				api.invalidateToken();
			}
			throw new IllegalStateException(
					"DingTalk " + path + " errcode " + errcode + " " + n.path("errmsg").asString(""));
		}
		return n;
	}

	private static String text(JsonNode n) {
		return (n == null || n.isMissingNode() || n.isNull()) ? null : n.asString();
	}

	private Config config() {
		Config c = new Config();
		c.protocol = props.apiProtocol();
		c.regionId = "central";
		c.endpoint = props.apiEndpoint();
		c.connectTimeout = 5000;
		c.readTimeout = 10000;
		return c;
	}

	private static RuntimeOptions runtime() {
		RuntimeOptions r = new RuntimeOptions();
		r.connectTimeout = 5000;
		r.readTimeout = 10000;
		r.autoretry = false;
		return r;
	}

}
