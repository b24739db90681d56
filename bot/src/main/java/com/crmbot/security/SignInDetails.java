package com.crmbot.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * What a sign-in knows about its request: the socket peer and whether trial mode admits
 * it.
 *
 * @param remoteAddress the socket peer (never a forwarding header)
 * @param trialAdmitted whether password-less trial sign-in is allowed for this request
 */
public record SignInDetails(String remoteAddress, boolean trialAdmitted) {

	static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> source(TrialMode trial) {
		return (request) -> new SignInDetails(request.getRemoteAddr(), trial.admits(request));
	}

}
