package com.crmbot.report;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A rendered chart, kept for the web chat and the dashboard to show.
 *
 * @param id random id (also the file name)
 * @param userId who may see it
 * @param png the image
 * @param createdAt when
 */
@Document(StoredChart.COLLECTION)
public record StoredChart(@Id String id, String userId, byte[] png, Instant createdAt) {

	public static final String COLLECTION = "charts";

}
