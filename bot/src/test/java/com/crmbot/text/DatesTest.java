package com.crmbot.text;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatesTest {

	private static final LocalDate MARCH_5 = LocalDate.of(2026, 3, 5);

	@Test
	void theWaysListsWriteADate() {
		for (String s : new String[] { "2026-03-05", "2026-3-5", "2026/3/5", "2026.3.5", "2026年3月5日", "2026年3月5号",
				"２０２６／３／５", "20260305", "2026/3/5 14:30", "2026-03-05T09:00:00", "46086", "46086.5" }) {
			assertThat(Dates.parse(s)).as(s).contains(MARCH_5);
		}
	}

	@Test
	void notDates() {
		for (String s : new String[] { "下周", "2026/13/5", "2026/2/30", "3/5", "1234", "", "13812345678" }) {
			assertThat(Dates.parse(s)).as(s).isEmpty();
		}
		assertThat(Dates.parse(null)).isEmpty();
	}

}
