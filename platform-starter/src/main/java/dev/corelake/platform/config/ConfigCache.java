package dev.corelake.platform.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;

/**
 * The last good view on local disk, so a service starts when config-service does not
 * answer. Written to a temporary file and moved into place, so a crash never leaves half
 * a file; owner-only (it may hold secrets). A file that cannot be read or parsed, or
 * belongs to another namespace or profile, is reported and ignored, never half-used.
 *
 * @author Corelake
 */
class ConfigCache {

	private static final Log logger = LogFactory.getLog(ConfigCache.class);

	private final Path file;

	ConfigCache(Path file) {
		this.file = file;
	}

	Path file() {
		return this.file;
	}

	void write(ConfigSnapshot snapshot) {
		try {
			Path directory = this.file.toAbsolutePath().getParent();
			Files.createDirectories(directory);
			Path temporary = Files.createTempFile(directory, ".config-cache", ".tmp");
			if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			Files.writeString(temporary, ConfigJson.write(snapshot), StandardCharsets.UTF_8);
			try {
				Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException | RuntimeException ex) {
			// the service keeps running on the view it has; only the next cold start
			// loses
			logger.warn("Could not write the configuration cache " + this.file + ": " + ex.getMessage());
		}
	}

	Optional<ConfigSnapshot> read(String namespace, String profile) {
		if (!Files.isRegularFile(this.file)) {
			return Optional.empty();
		}
		try {
			ConfigSnapshot snapshot = ConfigJson.readSnapshot(Files.readString(this.file, StandardCharsets.UTF_8));
			if (snapshot == null || snapshot.properties() == null || !namespace.equals(snapshot.namespace())
					|| !profile.equals(snapshot.profile())) {
				logger.warn("Ignoring the configuration cache " + this.file + ": it is not a view of " + namespace + "/"
						+ profile);
				return Optional.empty();
			}
			return Optional.of(snapshot);
		}
		catch (IOException | JacksonException ex) {
			logger.warn("Ignoring the configuration cache " + this.file + ": it cannot be read ("
					+ ex.getClass().getSimpleName() + ")");
			return Optional.empty();
		}
	}

}
