package com.crmbot.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhonesTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "13812345678|+8613812345678", "138-1234-5678|+8613812345678",
			"138 1234 5678|+8613812345678", "+86 138 1234 5678|+8613812345678", "+86-159 7614 8847|+8615976148847",
			"86-17628062195|+8617628062195", "8613812345678|+8613812345678", "0086 138 1234 5678|+8613812345678",
			"(+86)13879752946|+8613879752946", "１８９１９７９７９８３|+8618919797983", "１３８－１２３４－５６７８|+8613812345678",
			"138.1234.5678|+8613812345678", "0512-68001234|+8651268001234", "(0431)59966254|+8643159966254",
			"（0431）59966254|+8643159966254", "010 4881 0534|+861048810534", "010-48810534|+861048810534",
			"022-22665697|+862222665697", "0991-32729210|+8699132729210", "0871-4551186|+868714551186",
			"+86 512 6800 1234|+8651268001234", "+86 (0512) 6800 1234|+8651268001234", "+86 10 4881 0534|+861048810534",
			"400-820-8820|+864008208820", "\u200B138 1234 5678\uFEFF|+8613812345678" })
	void normalizesEveryWrittenForm(String raw, String e164) {
		assertThat(Phones.normalize(raw)).contains(e164);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  ", "12345", "68001234", "2026-05-01", "12812345678", "1381234567", "138123456789",
			"0123-4567890", "+1 415 555 0100", "电话", "30-50", "tel: abc" })
	void rejectsWhatIsNotAChinesePhone(String raw) {
		assertThat(Phones.normalize(raw)).isEmpty();
	}

	@Test
	void nullIsNotAPhone() {
		assertThat(Phones.normalize(null)).isEmpty();
		assertThat(Phones.findAll(null)).isEmpty();
	}

	@Test
	void findsAllPhonesInFreeTextInOrderWithoutDuplicates() {
		String text = "王经理手机 138-1234-5678，座机0512-68001234，备用：+86 13812345678；预算30-50万，2026年5月1日前回复";
		assertThat(Phones.findAll(text)).containsExactly("+8613812345678", "+8651268001234");
	}

	@Test
	void findsPhonesInACellWithSeveralNumbers() {
		assertThat(Phones.findAll("13972011234 / 0717-6543210;15000000000")).containsExactly("+8613972011234",
				"+867176543210", "+8615000000000");
		assertThat(Phones.findAll("电话 13972011234 13800001111")).containsExactly("+8613972011234", "+8613800001111");
	}

	@Test
	void ignoresAmountsDatesAndCounts() {
		assertThat(Phones.findAll("预算¥1,200,000，200台，2026-05-01，订单号 A20260501123")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "+8613812345678|138 1234 5678", "+8651268001234|0512 6800 1234", "+861048810534|010 4881 0534",
					"+862222665697|022 2266 5697", "+864008208820|400 820 8820", "+867176543210|0717 654 3210",
					"+868714551186|0871 4551186", "+8699132729210|0991 32729210", "+85221234567|+852 2123 4567",
					"+14155550100|+1 415-555-0100" })
	void showsStoredNumbersAsPeopleWriteThem(String e164, String shown) {
		assertThat(Phones.readable(e164)).isEqualTo(shown);
	}

	@Test
	void readableOfNothingIsEmpty() {
		assertThat(Phones.readable(null)).isEmpty();
		assertThat(Phones.readable("")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0871-4551186", "+86 871 4551186", "0991-32729210" })
	void keepsLandlinesOfAnOlderNumberingPlanOnlyWithTheirAreaCode(String raw) {
		assertThat(Phones.normalize(raw)).isPresent();
		assertThat(Phones.normalize(raw.replace("0871-", "").replace("+86 871 ", "").replace("0991-", ""))).isEmpty();
	}

	@Test
	void masksTheMiddleDigits() {
		assertThat(Phones.mask("+8613812345678")).isEqualTo("+86138****5678");
		assertThat(Phones.mask("+8651268001234")).isEqualTo("+86512****1234");
		assertThat(Phones.mask("+861048810534")).isEqualTo("+86104***0534");
		assertThat(Phones.mask(null)).isEmpty();
	}

}
