package com.crmbot.connector.dingtalk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.aliyun.dingtalkoauth2_1_0.models.GetAccessTokenRequest;
import com.aliyun.dingtalkoauth2_1_0.models.GetAccessTokenResponse;
import com.aliyun.dingtalkrobot_1_0.models.BatchSendOTOHeaders;
import com.aliyun.dingtalkrobot_1_0.models.BatchSendOTORequest;
import com.aliyun.dingtalkrobot_1_0.models.BatchSendOTOResponse;
import com.aliyun.dingtalkrobot_1_0.models.OrgGroupSendHeaders;
import com.aliyun.dingtalkrobot_1_0.models.OrgGroupSendRequest;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot OpenAPI through {@code com.aliyun:dingtalk}: access token (cached until
 * shortly before it expires, dropped on an authentication error) and the two robot sends.
 */
public class DingTalkApi implements com.crmbot.connector.NativeApprovalGateway {

	private static final Logger log = LoggerFactory.getLogger(DingTalkApi.class);

	/** Refresh this long before DingTalk's expiry (7200 s). */
	private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

	private final DingTalkProperties props;

	private final Clock clock;

	private final com.aliyun.dingtalkoauth2_1_0.Client oauth;

	private final com.aliyun.dingtalkrobot_1_0.Client robot;

	private final com.aliyun.dingtalkworkflow_1_0.Client workflow;

	private String token;

	private Instant tokenExpiresAt = Instant.MIN;

	public DingTalkApi(DingTalkProperties props, Clock clock) {
		this.props = props;
		this.clock = clock;
		try {
			this.oauth = new com.aliyun.dingtalkoauth2_1_0.Client(config());
			this.robot = new com.aliyun.dingtalkrobot_1_0.Client(config());
			this.workflow = new com.aliyun.dingtalkworkflow_1_0.Client(config());
		}
		catch (Exception ex) {
			throw new IllegalStateException("DingTalk OpenAPI client could not be created: " + ex.getMessage(), ex);
		}
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

	private RuntimeOptions runtime() {
		RuntimeOptions r = new RuntimeOptions();
		r.connectTimeout = 5000;
		r.readTimeout = 10000;
		r.autoretry = false;
		return r;
	}

	/**
	 * A valid access token, fetched when none is cached or the cached one is about to
	 * expire.
	 */
	public synchronized String accessToken() throws Exception {
		Instant now = clock.instant();
		if (token != null && now.isBefore(tokenExpiresAt)) {
			return token;
		}
		GetAccessTokenRequest req = new GetAccessTokenRequest().setAppKey(props.key()).setAppSecret(props.secret());
		GetAccessTokenResponse resp = oauth.getAccessTokenWithOptions(req, new java.util.HashMap<>(), runtime());
		String t = resp.getBody().getAccessToken();
		Long expireIn = resp.getBody().getExpireIn();
		if (t == null || t.isBlank()) {
			throw new IllegalStateException("DingTalk returned no access token");
		}
		token = t;
		Duration life = Duration.ofSeconds((expireIn != null) ? expireIn : 7200);
		tokenExpiresAt = now
			.plus(life.compareTo(REFRESH_MARGIN.multipliedBy(2)) > 0 ? life.minus(REFRESH_MARGIN) : life);
		log.info("dingtalk: access token refreshed, valid for {}", life);
		return token;
	}

	/** Forget the cached token (DingTalk said it is invalid or expired). */
	public synchronized void invalidateToken() {
		token = null;
		tokenExpiresAt = Instant.MIN;
	}

	/**
	 * {@code POST /v1.0/robot/messageFiles/download}: a short-lived URL of a file a user
	 * sent.
	 */
	public String messageFileDownloadUrl(String downloadCode) throws Exception {
		com.aliyun.dingtalkrobot_1_0.models.RobotMessageFileDownloadRequest req = new com.aliyun.dingtalkrobot_1_0.models.RobotMessageFileDownloadRequest()
			.setDownloadCode(downloadCode)
			.setRobotCode(props.effectiveRobotCode());
		com.aliyun.dingtalkrobot_1_0.models.RobotMessageFileDownloadHeaders h = new com.aliyun.dingtalkrobot_1_0.models.RobotMessageFileDownloadHeaders();
		h.xAcsDingtalkAccessToken = accessToken();
		return robot.robotMessageFileDownloadWithOptions(req, h, runtime()).getBody().getDownloadUrl();
	}

	/** {@code POST /v1.0/robot/oToMessages/batchSend} (at most 20 user ids). */
	public BatchSendOTOResponse batchSendOTO(List<String> userIds, String msgKey, String msgParam) throws Exception {
		if (userIds.size() > 20) {
			throw new IllegalArgumentException("batchSend takes at most 20 user ids, got " + userIds.size());
		}
		BatchSendOTORequest req = new BatchSendOTORequest().setRobotCode(props.effectiveRobotCode())
			.setUserIds(userIds)
			.setMsgKey(msgKey)
			.setMsgParam(msgParam);
		BatchSendOTOHeaders h = new BatchSendOTOHeaders();
		h.xAcsDingtalkAccessToken = accessToken();
		return robot.batchSendOTOWithOptions(req, h, runtime());
	}

	/**
	 * {@code POST /v1.0/robot/groupMessages/send} to a group by openConversationId;
	 * returns DingTalk's processQueryKey (null when the answer has none).
	 */
	public String orgGroupSend(String openConversationId, String msgKey, String msgParam) throws Exception {
		OrgGroupSendRequest req = new OrgGroupSendRequest().setRobotCode(props.effectiveRobotCode())
			.setOpenConversationId(openConversationId)
			.setMsgKey(msgKey)
			.setMsgParam(msgParam);
		OrgGroupSendHeaders h = new OrgGroupSendHeaders();
		h.xAcsDingtalkAccessToken = accessToken();
		var resp = robot.orgGroupSendWithOptions(req, h, runtime());
		return (resp != null && resp.getBody() != null) ? resp.getBody().getProcessQueryKey() : null;
	}

	/**
	 * {@code POST /v1.0/workflow/processInstances}: open a native approval (OA 审批) of the
	 * given process (template) for the originator, approved by each approver in turn,
	 * copied to {@code cc} when it finishes. Returns the processInstanceId.
	 */
	@Override
	public String startApproval(String processCode, String originatorStaffId, List<String> approverStaffIds,
			List<String> cc, java.util.Map<String, String> form) throws Exception {
		var approvers = approverStaffIds.stream()
			.map((id) -> new com.aliyun.dingtalkworkflow_1_0.models.StartProcessInstanceRequest.StartProcessInstanceRequestApprovers()
				.setActionType("NONE")
				.setUserIds(List.of(id)))
			.toList();
		var values = form.entrySet()
			.stream()
			.map((e) -> new com.aliyun.dingtalkworkflow_1_0.models.StartProcessInstanceRequest.StartProcessInstanceRequestFormComponentValues()
				.setName(e.getKey())
				.setValue(e.getValue()))
			.toList();
		var req = new com.aliyun.dingtalkworkflow_1_0.models.StartProcessInstanceRequest().setProcessCode(processCode)
			.setOriginatorUserId(originatorStaffId)
			.setApprovers(approvers)
			.setFormComponentValues(values);
		if (!cc.isEmpty()) {
			req.setCcList(cc).setCcPosition("FINISH");
		}
		var h = new com.aliyun.dingtalkworkflow_1_0.models.StartProcessInstanceHeaders();
		h.xAcsDingtalkAccessToken = accessToken();
		var resp = workflow.startProcessInstanceWithOptions(req, h, runtime());
		String id = (resp != null && resp.getBody() != null) ? resp.getBody().getInstanceId() : null;
		if (id == null || id.isBlank()) {
			throw new IllegalStateException("DingTalk returned no processInstanceId");
		}
		return id;
	}

	/**
	 * {@code GET /v1.0/workflow/processInstances?processInstanceId=}: the approval's
	 * {@code status} (RUNNING, COMPLETED, TERMINATED) and {@code result} (agree, refuse).
	 */
	@Override
	public ApprovalState approvalState(String processInstanceId) throws Exception {
		var req = new com.aliyun.dingtalkworkflow_1_0.models.GetProcessInstanceRequest()
			.setProcessInstanceId(processInstanceId);
		var h = new com.aliyun.dingtalkworkflow_1_0.models.GetProcessInstanceHeaders();
		h.xAcsDingtalkAccessToken = accessToken();
		var r = workflow.getProcessInstanceWithOptions(req, h, runtime()).getBody().getResult();
		return new ApprovalState((r != null) ? r.getStatus() : null, (r != null) ? r.getResult() : null);
	}

	@Override
	public com.crmbot.connector.Platform platform() {
		return com.crmbot.connector.Platform.DINGTALK;
	}

	/**
	 * {@code POST <oapi>/media/upload?type=image}: upload an image (multipart field
	 * {@code media}); returns its media id, which {@code sampleImageMsg} takes as
	 * {@code photoURL}.
	 */
	public String uploadImage(java.nio.file.Path file) throws Exception {
		String boundary = "crmbot" + Long.toHexString(System.nanoTime());
		byte[] bytes = java.nio.file.Files.readAllBytes(file);
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\""
				+ file.getFileName() + "\"\r\nContent-Type: image/png\r\n\r\n")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		body.write(bytes);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String url = props.oapiBaseUrl().replaceAll("/+$", "") + "/media/upload?type=image&access_token="
				+ java.net.URLEncoder.encode(accessToken(), java.nio.charset.StandardCharsets.UTF_8);
		java.net.http.HttpResponse<String> resp = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
				.timeout(Duration.ofSeconds(20))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
		tools.jackson.databind.JsonNode n = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(resp.body());
		if (resp.statusCode() / 100 != 2 || n.path("errcode").asInt(0) != 0 || !n.hasNonNull("media_id")) {
			throw new java.io.IOException("DingTalk media/upload: HTTP " + resp.statusCode() + " " + resp.body());
		}
		return n.get("media_id").asString();
	}

}
