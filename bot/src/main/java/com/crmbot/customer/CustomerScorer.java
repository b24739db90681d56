package com.crmbot.customer;

/**
 * Scores a customer as it is about to be written, so that creating or enriching a
 * customer stores its score in the same write (no separate re-score round trip).
 * Implemented by the scoring module.
 */
public interface CustomerScorer {

	/** The score of the customer as given. */
	int score(Customer c);

	/**
	 * A write stored {@code newScore} for a customer that had {@code before.score()}
	 * (e.g. notify its owner when it entered the pool).
	 */
	void scored(Customer before, int newScore);

}
