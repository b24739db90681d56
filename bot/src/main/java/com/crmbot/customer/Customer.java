package com.crmbot.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.crmbot.access.AccessPolicy;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer (lead until it moves on in the pipeline).
 *
 * @param id store id
 * @param name display name: the company, or the contact when there is no company
 * @param company organisation name as written
 * @param companyKey normalized company identity (unique), see
 * {@link com.crmbot.text.Companies#key}
 * @param phones normalized E.164 phones (each unique across customers)
 * @param contact primary contact person
 * @param title the contact's title
 * @param decisionMaker whether the contact decides
 * @param budgetCny budget in yuan
 * @param needType need label
 * @param region province-level region
 * @param industry industry label
 * @param ownerId owning user id
 * @param department owning department id
 * @param stage pipeline stage
 * @param tags tags
 * @param fields custom fields (per industry)
 * @param score lead score
 * @param createdAt created
 * @param assignedAt last assigned to its owner
 * @param lastContactAt last follow-up
 * @param source where it came from (inquiry, command, import, wecom-contact...)
 * @param externalUserId WeCom external contact id (unique)
 * @param dealAmount deal amount in yuan when known
 * @param version optimistic lock
 */
@Document(Customer.COLLECTION)
public record Customer(@Id String id, String name, String company, String companyKey, List<String> phones,
		String contact, String title, Boolean decisionMaker, Long budgetCny, String needType, String region,
		String industry, String ownerId, String department, String stage, List<String> tags, Map<String, Object> fields,
		int score, Instant createdAt, Instant assignedAt, Instant lastContactAt, String source, String externalUserId,
		Long dealAmount, @Version Long version) implements AccessPolicy.Owned {

	public static final String COLLECTION = "customers";

	public Customer {
		// absent rather than empty: an empty array would collide in the unique phone
		// index
		phones = (phones == null || phones.isEmpty()) ? null : List.copyOf(phones);
		tags = (tags != null) ? List.copyOf(tags) : List.of();
		fields = (fields != null) ? Map.copyOf(fields) : Map.of();
	}

	/** The phones, never null. */
	public List<String> phoneList() {
		return (phones != null) ? phones : List.of();
	}

	/** The first phone, or null. */
	public String phone() {
		return (phones != null) ? phones.get(0) : null;
	}

}
