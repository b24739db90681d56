package com.crmbot.fields;

/**
 * A customer's fields or tags were written (listeners run synchronously, before the write
 * call returns: scoring rescores the customer).
 *
 * @param customerId the customer
 */
public record CustomerFieldsChanged(String customerId) {
}
