/**
 * The chat plug-in points every feature implements or uses:
 * {@link com.crmbot.chat.Command} with its {@link com.crmbot.chat.CommandSpec} and
 * {@link com.crmbot.chat.CommandContext}, the acting user
 * ({@link com.crmbot.chat.Actor}), {@link com.crmbot.chat.Permission}, argument
 * splitting, and the handlers for platform events and non-text messages. Shared by all
 * modules; depends only on config, template and the connectors' API.
 */
@ApplicationModule(displayName = "Chat API (shared)")
package com.crmbot.chat;

import org.springframework.modulith.ApplicationModule;
