package dev.corelake.sync.format;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed order of cursor values of incremental file runs: numbers by value, decimals
 * regardless of scale, dates and timestamps in time, strings by code point.
 *
 * @author Corelake
 */
class ValuesCompareTests {

	@Test
	void compareWhenNumbersThenByValueNotByText() {
		Column bigint = ColumnType.column("n", "bigint", true);
		assertThat(Values.compare(ColumnType.BIGINT, Values.parse(bigint, "10"), Values.parse(bigint, "9")))
			.isPositive();
		Column decimal = ColumnType.column("d", "decimal(10,3)", true);
		assertThat(Values.compare(ColumnType.DECIMAL, Values.parse(decimal, "1.5"), Values.parse(decimal, "1.500")))
			.isZero();
		assertThat(Values.compare(ColumnType.DECIMAL, new BigDecimal("1.50"), new BigDecimal("1.5"))).isZero();
		assertThat(Values.compare(ColumnType.DECIMAL, new BigDecimal("-2"), new BigDecimal("1.5"))).isNegative();
		Column real = ColumnType.column("x", "double", true);
		assertThat(Values.compare(ColumnType.DOUBLE, Values.parse(real, "1e3"), Values.parse(real, "999.5")))
			.isPositive();
	}

	@Test
	void compareWhenDatesAndTimestampsThenInTime() {
		Column timestamp = ColumnType.column("t", "timestamp", true);
		assertThat(Values.compare(ColumnType.TIMESTAMP, Values.parse(timestamp, "2026-03-01T01:00:00+02:00"),
				Values.parse(timestamp, "2026-02-28T23:30:00Z")))
			.as("23:00Z is before 23:30Z")
			.isNegative();
		Column date = ColumnType.column("d", "date", true);
		assertThat(Values.compare(ColumnType.DATE, Values.parse(date, "2026-10-01"), Values.parse(date, "2026-09-30")))
			.isPositive();
	}

	@Test
	void compareWhenStringsThenByCodePoint() {
		assertThat(Values.compare(ColumnType.STRING, "b", "abc")).isPositive();
		assertThat(Values.compare(ColumnType.STRING, "ab", "abc")).isNegative();
		// U+1F600 is above U+FFFF, although its first UTF-16 unit is below
		assertThat(Values.compare(ColumnType.STRING, "\uD83D\uDE00", "\uFFFF")).isPositive();
		assertThat(Values.compare(ColumnType.STRING, "x", "x")).isZero();
	}

}
