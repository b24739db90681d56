package com.crmbot.connector.wecom;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The persisted 微信客服 sync_msg cursor of one open_kfid. */
@Document(KfCursor.COLLECTION)
record KfCursor(@Id String openKfId, String cursor, Instant updatedAt) {

	static final String COLLECTION = "wecom_kf_cursor";

}
