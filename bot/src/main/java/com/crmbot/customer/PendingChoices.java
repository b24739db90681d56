package com.crmbot.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Service;

/**
 * The numbered choices last offered to a user (which of several customers a command
 * meant). Replying with the number runs the command for that choice; a choice is good for
 * {@link #VALID_FOR}, and a new question replaces the old one.
 */
@Service
public class PendingChoices {

	/** How long a reply with a number still answers the question. */
	public static final Duration VALID_FOR = Duration.ofMinutes(30);

	private final MongoTemplate mongo;

	private final Clock clock;

	PendingChoices(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Remember the commands the numbers 1..n stand for. */
	public void offer(String userId, List<String> commands) {
		mongo.save(new Choice(userId, List.copyOf(commands), clock.instant()));
	}

	/**
	 * The command a number stands for, if the user has an open question with that many
	 * choices; answering closes the question.
	 */
	public Optional<String> answer(String userId, int number) {
		Choice c = mongo.findById(userId, Choice.class);
		if (c == null || c.at().plus(VALID_FOR).isBefore(clock.instant()) || number < 1
				|| number > c.commands().size()) {
			return Optional.empty();
		}
		mongo.remove(c);
		return Optional.of(c.commands().get(number - 1));
	}

	/** One user's open question. */
	@Document("pending_choices")
	record Choice(@Id String userId, List<String> commands, Instant at) {
	}

}
