package dev.corelake.sync.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import dev.corelake.errors.CorelakeException;
import dev.corelake.sync.system.SyncErrorCode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Resolves secret references (a source's {@code passwordSecret}) when a run connects, so
 * that no secret is ever stored with a source or returned by the API. A name resolves, in
 * order, to the property {@code corelake.sync.secrets.<name>} (from config-service, where
 * secrets are encrypted, or an environment variable such as
 * {@code CORELAKE_SYNC_SECRETS_SHOP_DB}), or to the file {@code <name>} in
 * {@code corelake.sync.secrets-dir} (a mounted Kubernetes Secret). Only names under those
 * two places can be reached: a source cannot name any other variable or file.
 *
 * @author Corelake
 */
@Component
public class SecretResolver {

	/** What a secret name may look like. */
	public static final String NAME_PATTERN = "[a-z0-9][a-z0-9_.-]{0,62}";

	private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

	private final Environment environment;

	private final String secretsDir;

	SecretResolver(Environment environment, @Value("${corelake.sync.secrets-dir:}") String secretsDir) {
		this.environment = environment;
		this.secretsDir = secretsDir;
	}

	/**
	 * Whether a secret exists.
	 * @param name its name
	 * @return {@code true} when it resolves
	 */
	public boolean exists(String name) {
		return lookup(name) != null;
	}

	/**
	 * The value of a secret.
	 * @param name its name
	 * @return the value
	 * @throws CorelakeException {@code SECRET_NOT_FOUND} when it resolves to nothing
	 */
	public String resolve(String name) {
		String value = lookup(name);
		if (value == null) {
			throw new CorelakeException(SyncErrorCode.SECRET_NOT_FOUND,
					"No secret named '" + name + "' is configured.");
		}
		return value;
	}

	private String lookup(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			return null;
		}
		String value = this.environment.getProperty("corelake.sync.secrets." + name);
		if (value != null) {
			return value;
		}
		if (this.secretsDir.isBlank()) {
			return null;
		}
		try {
			Path dir = Path.of(this.secretsDir).toRealPath();
			Path file = dir.resolve(name);
			if (!Files.exists(file)) {
				return null;
			}
			// mounted Secrets are symbolic links into the same directory: follow them,
			// but
			// not out of it
			Path real = file.toRealPath();
			if (!real.startsWith(dir) || !Files.isRegularFile(real)) {
				return null;
			}
			return Files.readString(real, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
