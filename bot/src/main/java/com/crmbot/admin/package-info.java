/**
 * Admin chat commands about the bot itself: {@code /config} (reload and check the admin
 * YAML) and {@code /whoami}.
 */
@ApplicationModule(displayName = "Admin")
package com.crmbot.admin;

import org.springframework.modulith.ApplicationModule;
