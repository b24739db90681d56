/**
 * The transport-neutral connector API the bot speaks ({@link com.crmbot.connector.Reply},
 * {@link com.crmbot.connector.ChatMessage}, {@link com.crmbot.connector.Connector}...).
 * This is a separate Maven module; in the bot's module map (docs/modules.md) it is the
 * {@code connector} module: its top-level types and the {@code outbox} named interface
 * are its API, the per-platform packages (wecom, dingtalk, local) are internal.
 */
@ApplicationModule(displayName = "Connectors (separate Maven module)")
package com.crmbot.connector;

import org.springframework.modulith.ApplicationModule;
