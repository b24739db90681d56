package com.crmbot.connector.wecom;

/** A callback that failed verification or decryption; never retried into a 500 loop. */
class WecomCryptoException extends Exception {

	enum Kind {

		/** The signature does not match: reject without looking further. */
		SIGNATURE,
		/** Authentic but meant for another corp (receiveid). */
		RECEIVE_ID,
		/** Base64, block length, padding or length field broken. */
		MALFORMED,
		/** DOCTYPE, entities or unparseable XML. */
		XML

	}

	private final Kind kind;

	WecomCryptoException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	Kind kind() {
		return kind;
	}

}
