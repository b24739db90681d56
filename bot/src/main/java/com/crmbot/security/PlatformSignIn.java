package com.crmbot.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.aliyun.dingtalkcontact_1_0.models.GetUserHeaders;
import com.aliyun.dingtalkoauth2_1_0.models.GetUserTokenRequest;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.Platform;
import com.crmbot.connector.dingtalk.DingTalkApi;
import com.crmbot.connector.dingtalk.DingTalkProperties;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.WxCpOauth2UserInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Turns a platform's sign-in code into the platform user id, through the platforms' own
 * SDKs (WxJava for WeCom, {@code com.aliyun:dingtalk} for DingTalk) at the configured
 * base URLs, and maps it to the configured user of {@code org.yaml}.
 * <ul>
 * <li>WeCom OAuth2 web authorization and web login (QR): {@code code} →
 * {@code /cgi-bin/auth/getuserinfo} ({@code WxCpOAuth2Service.getAuthUserInfo}) →
 * userid;</li>
 * <li>DingTalk in-app (免登): auth code → {@code POST /topapi/v2/user/getuserinfo} with the
 * app's access token (the SDK's token; the old-host call itself over HTTP, since the
 * current SDK has no binding for it) → userid;</li>
 * <li>DingTalk QR / OAuth2: auth code → {@code POST /v1.0/oauth2/userAccessToken} →
 * {@code GET /v1.0/contact/users/me} (unionId) → {@code POST /topapi/user/getbyunionid} →
 * userid.</li>
 * </ul>
 */
@Service
public class PlatformSignIn {

	/**
	 * The outcome: the platform's user id (null when the platform gave none) and the
	 * configured user it maps to (empty when none).
	 */
	public record Result(String platformUserId, Optional<User> user) {

	}

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final ConfigService config;

	private final ObjectProvider<WxCpService> wecom;

	private final ObjectProvider<DingTalkApi> dingtalkApi;

	private final ObjectProvider<DingTalkProperties> dingtalkProps;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	PlatformSignIn(ConfigService config, ObjectProvider<WxCpService> wecom, ObjectProvider<DingTalkApi> dingtalkApi,
			ObjectProvider<DingTalkProperties> dingtalkProps) {
		this.config = config;
		this.wecom = wecom;
		this.dingtalkApi = dingtalkApi;
		this.dingtalkProps = dingtalkProps;
	}

	public boolean wecomEnabled() {
		return wecom.getIfAvailable() != null;
	}

	public boolean dingtalkEnabled() {
		return dingtalkApi.getIfAvailable() != null && dingtalkProps.getIfAvailable() != null;
	}

	/** WeCom's corp id and agent id (for the authorization URLs). */
	String wecomCorpId() {
		return wecom.getObject().getWxCpConfigStorage().getCorpId();
	}

	Integer wecomAgentId() {
		return wecom.getObject().getWxCpConfigStorage().getAgentId();
	}

	String dingtalkClientId() {
		return dingtalkProps.getObject().key();
	}

	/** WeCom OAuth2 / web login code → user. */
	public Result wecom(String code) throws Exception {
		WxCpOauth2UserInfo info = wecom.getObject().getOauth2Service().getAuthUserInfo(code);
		String id = (info != null) ? info.getUserId() : null;
		return result(Platform.WECOM, id);
	}

	/** DingTalk in-app (免登) auth code → user. */
	public Result dingtalkInApp(String code) throws Exception {
		JsonNode r = oapi("/topapi/v2/user/getuserinfo", Map.of("code", code));
		return result(Platform.DINGTALK, text(r.path("result").path("userid")));
	}

	/** DingTalk OAuth2 (QR) auth code → user. */
	public Result dingtalkQr(String authCode) throws Exception {
		DingTalkProperties p = dingtalkProps.getObject();
		var oauth = new com.aliyun.dingtalkoauth2_1_0.Client(sdkConfig(p));
		var token = oauth
			.getUserTokenWithOptions(new GetUserTokenRequest().setClientId(p.key())
				.setClientSecret(p.secret())
				.setCode(authCode)
				.setGrantType("authorization_code"), new java.util.HashMap<>(), runtime())
			.getBody()
			.getAccessToken();
		if (token == null || token.isBlank()) {
			return new Result(null, Optional.empty());
		}
		GetUserHeaders h = new GetUserHeaders();
		h.xAcsDingtalkAccessToken = token;
		var contact = new com.aliyun.dingtalkcontact_1_0.Client(sdkConfig(p));
		String unionId = contact.getUserWithOptions("me", h, runtime()).getBody().getUnionId();
		if (unionId == null || unionId.isBlank()) {
			return new Result(null, Optional.empty());
		}
		JsonNode r = oapi("/topapi/user/getbyunionid", Map.of("unionid", unionId));
		String userId = text(r.path("result").path("userid"));
		return result(Platform.DINGTALK, (userId != null) ? userId : "unionid:" + unionId);
	}

	private Result result(Platform platform, String platformUserId) {
		if (platformUserId == null || platformUserId.isBlank()) {
			return new Result(null, Optional.empty());
		}
		return new Result(platformUserId, config.get().userOn(platform, platformUserId));
	}

	/** A call to DingTalk's old API host with the app's access token. */
	private JsonNode oapi(String path, Map<String, String> body) throws Exception {
		DingTalkProperties p = dingtalkProps.getObject();
		String url = p.oapiBaseUrl().replaceAll("/+$", "") + path + "?access_token="
				+ URLEncoder.encode(dingtalkApi.getObject().accessToken(), StandardCharsets.UTF_8);
		HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		if (resp.statusCode() != 200) {
			throw new IllegalStateException("DingTalk " + path + " answered HTTP " + resp.statusCode());
		}
		JsonNode n = JSON.readTree(resp.body());
		if (n.path("errcode").asInt(0) != 0) {
			if (n.path("errcode").asInt() == 40014 || n.path("errcode").asInt() == 88) {
				dingtalkApi.getObject().invalidateToken();
			}
			throw new IllegalStateException(
					"DingTalk " + path + " errcode " + n.path("errcode").asInt() + " " + n.path("errmsg").asString(""));
		}
		return n;
	}

	private static String text(JsonNode n) {
		return (n == null || n.isMissingNode() || n.isNull()) ? null : n.asString();
	}

	private static Config sdkConfig(DingTalkProperties p) {
		Config c = new Config();
		c.protocol = p.apiProtocol();
		c.regionId = "central";
		c.endpoint = p.apiEndpoint();
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
