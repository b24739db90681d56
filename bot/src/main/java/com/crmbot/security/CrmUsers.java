package com.crmbot.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Signed-in callers are the users of {@code org.yaml}: their authorities come from their
 * role ({@code ROLE_ADMIN} for admin roles); local passwords come from the store.
 */
@Component
public class CrmUsers implements UserDetailsService {

	private final ConfigService config;

	private final LocalAccounts accounts;

	CrmUsers(ConfigService config, LocalAccounts accounts) {
		this.config = config;
		this.accounts = accounts;
	}

	/** The configured user with this id. */
	public Optional<User> user(String id) {
		return (id == null) ? Optional.empty() : config.get().user(id);
	}

	public List<GrantedAuthority> authorities(String id) {
		AdminConfig cfg = config.get();
		List<GrantedAuthority> out = new ArrayList<>();
		cfg.user(id).ifPresent((u) -> {
			out.add(new SimpleGrantedAuthority("ROLE_USER"));
			if (cfg.roleOf(u).admin()) {
				out.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
			}
		});
		return out;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		User u = user(username).orElseThrow(() -> new UsernameNotFoundException("not configured"));
		String hash = accounts.hash(u.id()).orElseThrow(() -> new UsernameNotFoundException("no password"));
		return org.springframework.security.core.userdetails.User.withUsername(u.id())
			.password(hash)
			.authorities(authorities(u.id()))
			.build();
	}

}
