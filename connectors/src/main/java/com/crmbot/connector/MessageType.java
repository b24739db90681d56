package com.crmbot.connector;

/** What kind of content an inbound message carries. */
public enum MessageType {

	TEXT, IMAGE, VOICE, VIDEO, FILE, LOCATION, LINK, RICH_TEXT, UNKNOWN

}
