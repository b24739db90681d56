package com.crmbot.inquiry;

/** Published after an inquiry or note was filed on a customer. */
public record InquiryFiled(String customerId, String followUpId, String authorId, boolean customerCreated) {
}
