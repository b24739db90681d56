package com.crmbot.importing;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Test-scope failure injection for the lead import: the import's store access, except
 * that it can be told to fail when the Nth batch is about to be recorded as applied,
 * after that batch's customers were written (a process dying between the two).
 */
@TestConfiguration(proxyBeanMethods = false)
class ImportStoreFaults {

	@Bean
	@Primary
	CrashingImportStore crashingImportStore(MongoTemplate mongo) {
		return new CrashingImportStore(mongo);
	}

	/** The real store access with a crash before the Nth cursor update. */
	static final class CrashingImportStore extends ImportStore {

		private final AtomicInteger batches = new AtomicInteger();

		private volatile int crashAt;

		CrashingImportStore(MongoTemplate mongo) {
			super(mongo);
		}

		/** Crash when the {@code n}th batch from now is recorded (0: never). */
		void crashAtBatch(int n) {
			batches.set(0);
			crashAt = n;
		}

		@Override
		void advance(String id, int cursor, ImportCounters n, Instant now) {
			if (crashAt > 0 && batches.incrementAndGet() == crashAt) {
				crashAt = 0;
				throw new IllegalStateException("simulated crash");
			}
			super.advance(id, cursor, n, now);
		}

	}

}
