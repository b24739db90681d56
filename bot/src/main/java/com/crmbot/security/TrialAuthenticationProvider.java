package com.crmbot.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Trial sign-in: a configured user without a password, only when {@link TrialMode} admits
 * the request (loopback peer, machine host name, no proxy, trial on).
 */
class TrialAuthenticationProvider implements AuthenticationProvider {

	private final CrmUsers users;

	TrialAuthenticationProvider(CrmUsers users) {
		this.users = users;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object credentials = authentication.getCredentials();
		boolean noPassword = credentials == null || credentials.toString().isEmpty();
		if (!noPassword) {
			return null; // a password: the store's accounts decide
		}
		if (!(authentication.getDetails() instanceof SignInDetails d) || !d.trialAdmitted()) {
			throw new BadCredentialsException("password required");
		}
		String name = authentication.getName();
		if (users.user(name).isEmpty()) {
			throw new BadCredentialsException("unknown user");
		}
		UsernamePasswordAuthenticationToken ok = UsernamePasswordAuthenticationToken.authenticated(name, null,
				users.authorities(name));
		ok.setDetails(d);
		return ok;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
