package dev.corelake.sync.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The byte-level record reader: RFC 4180 quoting, offsets that let a resumed attempt
 * continue exactly after the last checkpointed record (across buffer boundaries and
 * multi-byte characters), and records over the size limit rejected without being held.
 *
 * @author Corelake
 */
class TextRecordReaderTests {

	@Test
	void csvWhenQuotedFieldsThenFieldsAreUnquoted() throws IOException {
		TextRecordReader reader = csv("a,\"b,c\",\"d \"\"e\"\"\"\r\n\"multi\nline\",,x\n", 1024);
		assertThat(reader.next()).isEqualTo(TextRecordReader.Result.RECORD);
		assertThat(reader.fields()).containsExactly("a", "b,c", "d \"e\"");
		assertThat(reader.next()).isEqualTo(TextRecordReader.Result.RECORD);
		assertThat(reader.fields()).containsExactly("multi\nline", "", "x");
		assertThat(reader.next()).isEqualTo(TextRecordReader.Result.END);
	}

	@Test
	void offsetWhenResumedAfterAnyRecordThenTheRestReadsExactly() throws IOException {
		StringBuilder text = new StringBuilder("id,name\n");
		for (int i = 0; i < 20_000; i++) {
			text.append(i).append(",\"näme ").append(i).append("\"\n");
		}
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		List<String> all = new ArrayList<>();
		List<Long> offsets = new ArrayList<>();
		TextRecordReader reader = TextRecordReader.csv(new ByteArrayInputStream(bytes), 0, ',', '"', 1024);
		reader.next();
		while (reader.next() == TextRecordReader.Result.RECORD) {
			all.add(String.join("|", reader.fields()));
			offsets.add(reader.offset());
		}
		assertThat(offsets.get(offsets.size() - 1)).isEqualTo(bytes.length);
		for (int resumeAfter : new int[] { 0, 1, 3_333, 12_345, 19_998 }) {
			TextRecordReader resumed = TextRecordReader.csv(new ByteArrayInputStream(bytes), 0, ',', '"', 1024);
			resumed.next();
			resumed.skipTo(offsets.get(resumeAfter));
			List<String> rest = new ArrayList<>();
			while (resumed.next() == TextRecordReader.Result.RECORD) {
				rest.add(String.join("|", resumed.fields()));
			}
			assertThat(rest).as("after record " + resumeAfter).isEqualTo(all.subList(resumeAfter + 1, all.size()));
		}
	}

	@Test
	void recordWhenLongerThanTheLimitThenRejectedAndTheNextOneRead() throws IOException {
		TextRecordReader reader = TextRecordReader
			.lines(new ByteArrayInputStream(("{\"a\":\"" + "x".repeat(5000) + "\"}\n{\"a\":1}\n").getBytes()), 0, 100);
		assertThat(reader.next()).isEqualTo(TextRecordReader.Result.REJECTED);
		assertThat(reader.problem()).contains("longer than 100 bytes");
		assertThat(reader.next()).isEqualTo(TextRecordReader.Result.RECORD);
		assertThat(new String(reader.line(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
	}

	@Test
	void csvWhenQuoteIsNeverClosedThenRejected() throws IOException {
		TextRecordReader reader = csv("a,\"never closed\n", 1024);
		assertThat(reader.next()).isEqualTo(TextRecordReader.Result.REJECTED);
		assertThat(reader.problem()).contains("unterminated");
	}

	@Test
	void valuesWhenTextDoesNotFitThenTheReasonNamesTheColumn() {
		Column qty = new Column("qty", ColumnType.INT, 0, 0, false);
		assertThatIllegalArgumentException().isThrownBy(() -> Values.parse(qty, "ten"))
			.withMessageContaining("column 'qty': 'ten' is not a valid int");
		assertThatIllegalArgumentException().isThrownBy(() -> Values.parse(qty, ""))
			.withMessageContaining("must not be empty");
		Column price = Column.decimal("price", 5, 2, true);
		assertThat(Values.parse(price, "12.5")).isEqualTo(new java.math.BigDecimal("12.50"));
		assertThatIllegalArgumentException().isThrownBy(() -> Values.parse(price, "1234.5"));
		assertThatIllegalArgumentException().isThrownBy(() -> Values.parse(price, "1.234"));
		assertThat(Values.parse(new Column("t", ColumnType.TIMESTAMP, 0, 0, true), "2026-01-01T00:00:01+01:00"))
			.isEqualTo(Values.micros(java.time.Instant.parse("2025-12-31T23:00:01Z")));
		assertThat(Values.parse(new Column("b", ColumnType.BOOLEAN, 0, 0, true), "yes")).isEqualTo(true);
		assertThatIllegalArgumentException().isThrownBy(() -> ColumnType.column("d", "decimal(40,2)", true));
	}

	private static TextRecordReader csv(String text, int max) {
		return TextRecordReader.csv(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 0, ',', '"', max);
	}

}
