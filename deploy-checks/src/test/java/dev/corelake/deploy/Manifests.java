package dev.corelake.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Reads Kubernetes manifests strictly. fabric8 parses what it does not know into
 * {@code additionalProperties} (fields) or a {@link GenericKubernetesResource} (kinds)
 * instead of failing, which would let a misspelt field ({@code resource:} for
 * {@code resources:}) pass unnoticed and be dropped by the API server; this walks the
 * parsed model and fails on both.
 *
 * @author Corelake
 */
final class Manifests {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");

	private Manifests() {
	}

	/**
	 * The repository root (set by the build; the module's parent otherwise).
	 * @return the root directory
	 */
	static Path root() {
		return Path.of(System.getProperty("corelake.root", "..")).toAbsolutePath().normalize();
	}

	/**
	 * Every Kubernetes object file under a directory: {@code *.yaml} and {@code *.yml},
	 * except kustomize's own {@code kustomization.yaml}.
	 * @param directory the directory
	 * @return the files, sorted
	 */
	static List<Path> files(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			return paths.filter(Files::isRegularFile)
				.filter((path) -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
				.filter((path) -> !path.getFileName().toString().startsWith("kustomization."))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The files of complete objects under a directory: {@link #files(Path)} without
	 * kustomize patches (kept in {@code patches/} directories), which are partial
	 * objects.
	 * @param directory the directory
	 * @return the files, sorted
	 */
	static List<Path> objectFiles(Path directory) {
		return files(directory).stream()
			.filter((path) -> !path.toString().contains(java.io.File.separator + "patches" + java.io.File.separator))
			.toList();
	}

	/**
	 * Parses every object of one file strictly.
	 * @param file the file
	 * @return the objects
	 * @throws IllegalArgumentException naming the file, object and field that is not
	 * Kubernetes
	 */
	static List<HasMetadata> read(Path file) {
		try {
			return parse(Files.readString(file), root().relativize(file.toAbsolutePath()).toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Parses every object of every file.
	 * @param files the files
	 * @return the objects
	 */
	static List<HasMetadata> read(Collection<Path> files) {
		return files.stream().flatMap((file) -> read(file).stream()).toList();
	}

	/**
	 * Parses a YAML stream of objects strictly.
	 * @param yaml the documents
	 * @param origin where they come from, for messages
	 * @return the objects
	 * @throws IllegalArgumentException naming the object and field that is not Kubernetes
	 */
	static List<HasMetadata> parse(String yaml, String origin) {
		List<HasMetadata> objects = new ArrayList<>();
		int index = 0;
		for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
			index++;
			if (document.lines().allMatch((line) -> line.isBlank() || line.stripLeading().startsWith("#"))) {
				continue;
			}
			String where = origin + " document " + index;
			Object parsed;
			try {
				parsed = SERIALIZATION.unmarshal(document);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(where + " does not parse: " + ex.getMessage(), ex);
			}
			if (!(parsed instanceof HasMetadata object)) {
				throw new IllegalArgumentException(where + " is not a Kubernetes object");
			}
			if (object instanceof GenericKubernetesResource) {
				throw new IllegalArgumentException(where + ": unknown kind " + object.getApiVersion() + "/"
						+ object.getKind() + " (no such type in the Kubernetes API)");
			}
			List<String> unknown = new ArrayList<>();
			unknownFields(object, object.getKind(), unknown);
			if (!unknown.isEmpty()) {
				throw new IllegalArgumentException(
						where + " (" + object.getKind() + " " + name(object) + "): unknown fields " + unknown);
			}
			objects.add(object);
		}
		return objects;
	}

	/**
	 * Serialises objects back to YAML (for the mock server and messages).
	 * @param object the object
	 * @return its YAML
	 */
	static String yaml(Object object) {
		return SERIALIZATION.asYaml(object);
	}

	/**
	 * A deep copy of an object.
	 * @param object the object
	 * @return the copy
	 */
	static HasMetadata copy(HasMetadata object) {
		return SERIALIZATION.clone(object);
	}

	static String name(HasMetadata object) {
		return (object.getMetadata() != null) ? object.getMetadata().getName() : "<unnamed>";
	}

	/**
	 * Walks the fabric8 model depth first and records the path of every field that landed
	 * in an {@code additionalProperties} map.
	 */
	private static void unknownFields(Object node, String path, List<String> unknown) {
		if (node == null) {
			return;
		}
		if (node instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				unknownFields(item, path + "[" + i++ + "]", unknown);
			}
			return;
		}
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
			return;
		}
		if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : node.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
					|| getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
				continue;
			}
			Object value = invoke(getter, node);
			if (getter.getName().equals("getAdditionalProperties")) {
				if (value instanceof Map<?, ?> extra) {
					extra.keySet().forEach((key) -> unknown.add(path + "." + key));
				}
			}
			else {
				unknownFields(value, path + "." + property(getter), unknown);
			}
		}
	}

	private static Object invoke(Method getter, Object node) {
		try {
			return getter.invoke(node);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read " + getter, ex);
		}
	}

	private static String property(Method getter) {
		String name = getter.getName().substring(3);
		return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

}
