/**
 * The durable outbox of pushes (and the polling workers it shares with the bot's mail
 * queue): part of the connectors' API for the bot.
 */
@NamedInterface("outbox")
package com.crmbot.connector.outbox;

import org.springframework.modulith.NamedInterface;
