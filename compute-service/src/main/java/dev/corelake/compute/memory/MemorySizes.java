package dev.corelake.compute.memory;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads memory sizes as people write them: {@code 2g}, {@code 2Gi}, {@code 2GB},
 * {@code 1536m}, {@code 1536Mi}; all binary (1g = 1024 MiB). A bare number is bytes.
 *
 * @author Corelake
 */
public final class MemorySizes {

	/** The accepted syntax, for validation messages. */
	public static final String PATTERN = "[0-9]{1,9}([kKmMgGtT]([iI]|[bB])?)?";

	private static final Pattern SIZE = Pattern.compile("([0-9]{1,9})([kmgt])?(i|b)?");

	private MemorySizes() {
	}

	/**
	 * Parses a size.
	 * @param text the size
	 * @return bytes
	 * @throws IllegalArgumentException when it is not a size
	 */
	public static long parse(String text) {
		Matcher matcher = SIZE.matcher(text.toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a memory size: " + text);
		}
		long value = Long.parseLong(matcher.group(1));
		String unit = matcher.group(2);
		int shift = (unit == null) ? 0 : switch (unit) {
			case "k" -> 10;
			case "m" -> 20;
			case "g" -> 30;
			default -> 40;
		};
		if (value > (Long.MAX_VALUE >> (shift + 1))) {
			throw new IllegalArgumentException("memory size too large: " + text);
		}
		return value << shift;
	}

}
