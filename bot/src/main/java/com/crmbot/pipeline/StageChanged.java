package com.crmbot.pipeline;

/** Published after a customer moved to another pipeline stage. */
public record StageChanged(String customerId, String from, String to, String actorId) {
}
