package com.crmbot.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import com.crmbot.template.TemplateService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Sign-in through WeCom and DingTalk on the web pages:
 * <ul>
 * <li>{@code GET /signin/wecom}: inside WeCom, OAuth2 web authorization
 * ({@code snsapi_base});</li>
 * <li>{@code GET /signin/wecom/qr}: on a desktop browser, WeCom's web login (QR);</li>
 * <li>{@code GET /signin/wecom/callback?code&state}: both come back here;</li>
 * <li>{@code GET /signin/dingtalk/app}: inside DingTalk, a page that asks the JSAPI for
 * an auth code (免登) and comes back to
 * {@code /signin/dingtalk/app/callback?code&state};</li>
 * <li>{@code GET /signin/dingtalk/qr}: DingTalk's OAuth2 sign-in (QR), back to
 * {@code /signin/dingtalk/callback?authCode&state}.</li>
 * </ul>
 * Each start puts a one-time random {@code state} into the session; a callback without
 * the same state, with a code the platform does not accept, or for a platform user who is
 * not a configured user of {@code org.yaml} is refused and audited.
 */
@RestController
class PlatformSignInController {

	private static final Logger log = LoggerFactory.getLogger(PlatformSignInController.class);

	private static final String STATE = PlatformSignInController.class.getName() + ".state";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final PlatformSignIn platforms;

	private final SignInSettings settings;

	private final CrmUsers users;

	private final Denials denials;

	private final TemplateService templates;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	PlatformSignInController(PlatformSignIn platforms, SignInSettings settings, CrmUsers users, Denials denials,
			TemplateService templates) {
		this.platforms = platforms;
		this.settings = settings;
		this.users = users;
		this.denials = denials;
		this.templates = templates;
	}

	@GetMapping("/signin/wecom")
	void wecom(HttpServletRequest req, HttpServletResponse res) throws IOException {
		if (!wecomOn(res)) {
			return;
		}
		String state = newState(req, "wecom");
		res.sendRedirect(settings.wecomAuthorizeUrl() + "?appid=" + enc(platforms.wecomCorpId()) + "&redirect_uri="
				+ enc(callback(req, "/signin/wecom/callback")) + "&response_type=code&scope=snsapi_base&state="
				+ enc(state) + "&agentid=" + platforms.wecomAgentId() + "#wechat_redirect");
	}

	@GetMapping("/signin/wecom/qr")
	void wecomQr(HttpServletRequest req, HttpServletResponse res) throws IOException {
		if (!wecomOn(res)) {
			return;
		}
		String state = newState(req, "wecom");
		res.sendRedirect(settings.wecomQrUrl() + "?login_type=CorpApp&appid=" + enc(platforms.wecomCorpId())
				+ "&agentid=" + platforms.wecomAgentId() + "&redirect_uri="
				+ enc(callback(req, "/signin/wecom/callback")) + "&state=" + enc(state));
	}

	@GetMapping("/signin/wecom/callback")
	void wecomCallback(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
			HttpServletRequest req, HttpServletResponse res) throws IOException {
		if (!wecomOn(res)) {
			return;
		}
		finish(req, res, "wecom", code, state, () -> platforms.wecom(code));
	}

	@GetMapping("/signin/dingtalk/qr")
	void dingtalkQr(HttpServletRequest req, HttpServletResponse res) throws IOException {
		if (!dingtalkOn(res)) {
			return;
		}
		String state = newState(req, "dingtalk");
		res.sendRedirect(settings.dingtalkAuthorizeUrl() + "?redirect_uri="
				+ enc(callback(req, "/signin/dingtalk/callback")) + "&response_type=code&client_id="
				+ enc(platforms.dingtalkClientId()) + "&scope=openid&state=" + enc(state) + "&prompt=consent");
	}

	@GetMapping("/signin/dingtalk/callback")
	void dingtalkCallback(@RequestParam(required = false) String authCode, @RequestParam(required = false) String code,
			@RequestParam(required = false) String state, HttpServletRequest req, HttpServletResponse res)
			throws IOException {
		if (!dingtalkOn(res)) {
			return;
		}
		String c = (authCode != null) ? authCode : code;
		finish(req, res, "dingtalk", c, state, () -> platforms.dingtalkQr(c));
	}

	/**
	 * The in-app (免登) page: the JSAPI asks DingTalk for an auth code, then comes back.
	 */
	@GetMapping("/signin/dingtalk/app")
	void dingtalkApp(HttpServletRequest req, HttpServletResponse res) throws IOException {
		if (!dingtalkOn(res)) {
			return;
		}
		String state = newState(req, "dingtalk-app");
		String jsapi = settings.dingtalkJsapiUrl();
		String origin = jsapi.replaceAll("^(https?://[^/]+).*$", "$1");
		String corpId = (settings.dingtalkCorpId() != null) ? settings.dingtalkCorpId() : "";
		String locale = locale(req);
		res.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' " + origin
				+ "; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'");
		res.setContentType("text/html;charset=UTF-8");
		res.getWriter()
			.write("<!DOCTYPE html><html lang=\"" + locale
					+ "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
					+ "<title>" + esc(t(locale, "signin-title"))
					+ "</title><link rel=\"stylesheet\" href=\"../../signin.css\">" + "<script src=\"" + esc(jsapi)
					+ "\"></script><script src=\"../../signin-dingtalk.js\"></script>"
					+ "</head><body><main id=\"dingtalk-app\" data-corp-id=\"" + esc(corpId) + "\" data-state=\""
					+ esc(state) + "\"><h1>crm-bot</h1><p>" + esc(t(locale, "signin-dingtalk-wait"))
					+ "</p><p><a href=\"qr\">" + esc(t(locale, "signin-dingtalk-qr"))
					+ "</a></p></main></body></html>");
	}

	@GetMapping("/signin/dingtalk/app/callback")
	void dingtalkAppCallback(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
			HttpServletRequest req, HttpServletResponse res) throws IOException {
		if (!dingtalkOn(res)) {
			return;
		}
		finish(req, res, "dingtalk-app", code, state, () -> platforms.dingtalkInApp(code));
	}

	interface Lookup {

		PlatformSignIn.Result get() throws Exception;

	}

	private void finish(HttpServletRequest req, HttpServletResponse res, String kind, String code, String state,
			Lookup lookup) throws IOException {
		HttpSession session = req.getSession(false);
		String expected = (session != null) ? (String) session.getAttribute(STATE + "." + kind) : null;
		if (session != null) {
			session.removeAttribute(STATE + "." + kind);
		}
		if (expected == null || state == null || !java.security.MessageDigest
			.isEqual(expected.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
			refuseState(req, res, kind);
			return;
		}
		if (code == null || code.isBlank() || code.length() > 512) {
			refuse(req, res, null, kind, "code");
			return;
		}
		PlatformSignIn.Result r;
		try {
			r = lookup.get();
		}
		catch (Exception ex) {
			log.info("sign-in {}: the platform refused the code: {}", kind, ex.toString());
			refuse(req, res, null, kind, "code");
			return;
		}
		if (r.user().isEmpty()) {
			refuse(req, res, r.platformUserId(), kind, "unknown user");
			return;
		}
		String id = r.user().get().id();
		UsernamePasswordAuthenticationToken auth = UsernamePasswordAuthenticationToken.authenticated(id, null,
				users.authorities(id));
		auth.setDetails(new SignInDetails(req.getRemoteAddr(), false));
		SecurityContext ctx = SecurityContextHolder.createEmptyContext();
		ctx.setAuthentication(auth);
		SecurityContextHolder.setContext(ctx);
		req.getSession(true);
		req.changeSessionId(); // no session fixation
		contexts.saveContext(ctx, req, res);
		log.info("sign-in {}: {} signed in", kind, id);
		res.sendRedirect(req.getContextPath() + "/");
	}

	private void refuse(HttpServletRequest req, HttpServletResponse res, String platformUser, String kind, String why)
			throws IOException {
		denials.record((platformUser != null) ? kind + ":" + platformUser : null, "sign-in " + kind + " (" + why + ")",
				"sign-in");
		res.sendRedirect(req.getContextPath() + "/login?error=platform");
	}

	/**
	 * A callback whose state this browser was not given (forged, from another browser,
	 * replayed, or the session expired): a 400 page saying so, with a way back to the
	 * sign-in page. The code is never sent to the platform.
	 */
	private void refuseState(HttpServletRequest req, HttpServletResponse res, String kind) throws IOException {
		denials.record(null, "sign-in " + kind + " (state)", "sign-in");
		String locale = locale(req);
		res.setStatus(HttpStatus.BAD_REQUEST.value());
		res.setContentType("text/html;charset=UTF-8");
		res.getWriter()
			.write("<!DOCTYPE html><html lang=\"" + locale
					+ "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
					+ "<title>" + esc(t(locale, "signin-title")) + "</title><link rel=\"stylesheet\" href=\""
					+ esc(req.getContextPath()) + "/signin.css\"></head><body><main><h1>crm-bot</h1>"
					+ "<p class=\"error\" id=\"error\">" + esc(t(locale, "signin-state-refused")) + "</p><p><a href=\""
					+ esc(req.getContextPath()) + "/login\" id=\"again\">" + esc(t(locale, "signin-again"))
					+ "</a></p></main></body></html>");
	}

	private static String newState(HttpServletRequest req, String kind) {
		byte[] b = new byte[24];
		RANDOM.nextBytes(b);
		String state = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
		req.getSession(true).setAttribute(STATE + "." + kind, state);
		return state;
	}

	private String callback(HttpServletRequest req, String path) {
		String base = settings.publicUrl();
		if (base == null || base.isBlank()) {
			String port = ((req.getScheme().equals("http") && req.getServerPort() == 80)
					|| (req.getScheme().equals("https") && req.getServerPort() == 443)) ? ""
							: ":" + req.getServerPort();
			base = req.getScheme() + "://" + req.getServerName() + port + req.getContextPath();
		}
		return base.replaceAll("/+$", "") + path;
	}

	/** False (and a 404 sent) when WeCom is not enabled. */
	private boolean wecomOn(HttpServletResponse res) throws IOException {
		if (!platforms.wecomEnabled()) {
			Json.error(res, HttpStatus.NOT_FOUND.value(), templates.both("api-error-wecom-off", Map.of()));
			return false;
		}
		return true;
	}

	/** False (and a 404 sent) when DingTalk is not enabled. */
	private boolean dingtalkOn(HttpServletResponse res) throws IOException {
		if (!platforms.dingtalkEnabled()) {
			Json.error(res, HttpStatus.NOT_FOUND.value(), templates.both("api-error-dingtalk-off", Map.of()));
			return false;
		}
		return true;
	}

	private String t(String locale, String key) {
		return templates.reply(locale, key, Map.of());
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static String esc(String s) {
		return HtmlUtils.htmlEscape(s, "UTF-8");
	}

	private static String locale(HttpServletRequest request) {
		String al = request.getHeader("Accept-Language");
		return (al != null && al.toLowerCase(java.util.Locale.ROOT).startsWith("en")) ? "en"
				: TemplateService.DEFAULT_LOCALE;
	}

}
