package com.crmbot.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers {@link SecuritySettings} (also outside the web server, e.g. the CLI). */
@Configuration
@EnableConfigurationProperties({ SecuritySettings.class, SignInSettings.class })
class SecuritySettingsConfig {

}
