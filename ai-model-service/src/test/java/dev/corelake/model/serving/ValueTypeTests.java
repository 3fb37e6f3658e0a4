package dev.corelake.model.serving;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How JSON values become Spark values of each feature type, and what is refused.
 *
 * @author Corelake
 */
class ValueTypeTests {

	@Test
	void ofWhenSparkTypeNamesThenTheServableTypes() {
		assertThat(ValueType.of("int")).isEqualTo(ValueType.INT);
		assertThat(ValueType.of("integer")).isEqualTo(ValueType.INT);
		assertThat(ValueType.of("bigint")).isEqualTo(ValueType.LONG);
		assertThat(ValueType.of("tinyint")).isEqualTo(ValueType.BYTE);
		assertThat(ValueType.of("smallint")).isEqualTo(ValueType.SHORT);
		assertThat(ValueType.of("float")).isEqualTo(ValueType.FLOAT);
		assertThat(ValueType.of(" DOUBLE ")).isEqualTo(ValueType.DOUBLE);
		assertThat(ValueType.of("boolean")).isEqualTo(ValueType.BOOLEAN);
		assertThat(ValueType.of("string")).isEqualTo(ValueType.STRING);
		assertThat(ValueType.of("decimal(12,2)")).isEqualTo(ValueType.DECIMAL);
		assertThat(ValueType.of("timestamp")).isNull();
		assertThat(ValueType.of("array<int>")).isNull();
		assertThat(ValueType.of(null)).isNull();
		assertThat(ValueType.DECIMAL.sparkType("decimal(12,2)")).isEqualTo(DataTypes.createDecimalType(12, 2));
		assertThat(ValueType.INT.sparkType("int")).isEqualTo(DataTypes.IntegerType);
	}

	@Test
	void convertWhenValuesFitThenSparkValues() {
		assertThat(ValueType.INT.convert(31)).isEqualTo(31);
		assertThat(ValueType.LONG.convert(3_000_000_000L)).isEqualTo(3_000_000_000L);
		assertThat(ValueType.LONG.convert(BigInteger.valueOf(5))).isEqualTo(5L);
		assertThat(ValueType.BYTE.convert(-128)).isEqualTo((byte) -128);
		assertThat(ValueType.SHORT.convert(300)).isEqualTo((short) 300);
		assertThat(ValueType.DOUBLE.convert(52_000)).isEqualTo(52_000.0);
		assertThat(ValueType.FLOAT.convert(1.5)).isEqualTo(1.5f);
		assertThat(ValueType.DECIMAL.convert(new BigDecimal("1.25"))).isEqualTo(new BigDecimal("1.25"));
		assertThat(ValueType.DECIMAL.convert(2.5)).isEqualTo(new BigDecimal("2.5"));
		assertThat(ValueType.BOOLEAN.convert(true)).isEqualTo(true);
		assertThat(ValueType.STRING.convert("pro")).isEqualTo("pro");
	}

	@Test
	void convertWhenValuesDoNotFitThenTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.INT.convert(null))
			.withMessage("must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.INT.convert(2.5))
			.withMessage("must be a 32-bit integer");
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.INT.convert(3_000_000_000L));
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.BYTE.convert(128));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ValueType.LONG.convert(new BigInteger("99999999999999999999")));
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.INT.convert("31"));
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.DOUBLE.convert("1.0"))
			.withMessage("must be a number");
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.FLOAT.convert(1e300));
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.DOUBLE.convert(Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.BOOLEAN.convert("true"))
			.withMessage("must be true or false");
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.STRING.convert(5))
			.withMessage("must be a string");
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.STRING.convert("x".repeat(10_001)));
		assertThatIllegalArgumentException().isThrownBy(() -> ValueType.DECIMAL.convert(false));
	}

}
