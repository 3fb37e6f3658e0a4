package dev.corelake.compute.ml;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.corelake.lake.Lake;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code corelake-model.json}: the description a trained model version carries in its
 * artifact directory, next to Spark's {@code metadata/} and {@code stages/} — the same
 * JSON as the train job's {@code result.training}.
 *
 * @author Corelake
 */
public final class ModelCards {

	/** The file name. */
	public static final String FILE = "corelake-model.json";

	private static final int MAX_BYTES = 1024 * 1024;

	private ModelCards() {
	}

	/**
	 * Writes a card into a (staging) directory.
	 * @param lake the lake
	 * @param dir the directory
	 * @param card the card
	 * @param json JSON
	 */
	public static void write(Lake lake, Path dir, Map<String, Object> card, JsonMapper json) {
		Path file = new Path(dir, FILE);
		try (OutputStream out = lake.fileSystem().create(file, true)) {
			out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(card));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	/**
	 * Reads the card of a committed model version.
	 * @param lake the lake
	 * @param location the version's location, as registered in the catalog
	 * @param json JSON
	 * @return the card
	 * @throws IllegalStateException with a message for the caller when it is missing,
	 * outside the lake or unreadable
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> read(Lake lake, String location, JsonMapper json) {
		Path file;
		try {
			file = new Path(lake.resolve(URI.create(location)), FILE);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("its location " + location + " is not in the lake", ex);
		}
		try (FSDataInputStream in = lake.fileSystem().open(file)) {
			byte[] bytes = readAtMost((InputStream) in);
			return json.readValue(bytes, Map.class);
		}
		catch (FileNotFoundException ex) {
			throw new IllegalStateException("its artifact has no " + FILE + " (missing or removed)", ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("its " + FILE + " cannot be read: " + ex.getMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("its " + FILE + " is not valid JSON", ex);
		}
	}

	/**
	 * The feature schema of a card.
	 * @param card the card
	 * @return the features, in order
	 * @throws IllegalStateException when the card has none
	 */
	@SuppressWarnings("unchecked")
	public static List<Feature> features(Map<String, Object> card) {
		Object schema = card.get("featureSchema");
		if (!(schema instanceof List<?> list) || list.isEmpty()) {
			throw new IllegalStateException("its " + FILE + " has no featureSchema");
		}
		List<Feature> features = new ArrayList<>();
		for (Object item : list) {
			if (!(item instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)
					|| !(map.get("type") instanceof String type)) {
				throw new IllegalStateException("its " + FILE + " has a malformed featureSchema");
			}
			features.add(new Feature(name, type));
		}
		return features;
	}

	private static byte[] readAtMost(InputStream in) throws IOException {
		byte[] bytes = in.readNBytes(MAX_BYTES + 1);
		if (bytes.length > MAX_BYTES) {
			throw new IOException("larger than " + MAX_BYTES + " bytes");
		}
		return bytes;
	}

	/**
	 * A column a model reads.
	 *
	 * @param name column name
	 * @param type Spark SQL type ({@code int}, {@code double}, {@code string} …)
	 */
	public record Feature(String name, String type) {
	}

}
