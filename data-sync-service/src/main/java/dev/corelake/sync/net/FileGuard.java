package dev.corelake.sync.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import dev.corelake.errors.CorelakeException;
import dev.corelake.sync.system.SyncErrorCode;

/**
 * Keeps file sources inside the allowed directories: no {@code ..}, no path outside them,
 * and no symbolic link leading out of them (the real path is checked, and the file is
 * opened without following a link in its last component).
 *
 * @author Corelake
 */
public final class FileGuard {

	private final List<Path> allowedDirs;

	/**
	 * Creates the guard.
	 * @param allowedDirs the allowed directories
	 */
	public FileGuard(List<Path> allowedDirs) {
		List<Path> dirs = new ArrayList<>();
		for (Path dir : allowedDirs) {
			dirs.add(real(dir.toAbsolutePath().normalize()));
		}
		this.allowedDirs = List.copyOf(dirs);
	}

	/**
	 * Checks a source path: relative paths are taken relative to the first allowed
	 * directory. The file need not exist yet (a drop file may arrive later), but when it
	 * does, its real path must be inside an allowed directory too.
	 * @param path the path as the source gives it
	 * @return the absolute path
	 * @throws CorelakeException {@code SOURCE_NOT_ALLOWED} when refused
	 */
	public Path check(String path) {
		if (this.allowedDirs.isEmpty()) {
			throw refused("no directory is allowed for file sources (corelake.sync.sources.files.allowed-dirs)");
		}
		if (path.indexOf('\0') >= 0 || path.isBlank()) {
			throw refused("the path is empty or contains a NUL character");
		}
		Path given;
		try {
			given = Path.of(path);
		}
		catch (InvalidPathException ex) {
			throw refused("'" + path + "' is not a valid path");
		}
		for (Path part : given) {
			if (part.toString().equals("..")) {
				throw refused("the path must not contain '..'");
			}
		}
		Path absolute = (given.isAbsolute() ? given : this.allowedDirs.get(0).resolve(given)).normalize();
		if (!inside(absolute)) {
			throw refused("'" + path + "' is outside the allowed directories");
		}
		if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !inside(real(absolute))) {
			throw refused("'" + path + "' leads outside the allowed directories through a symbolic link");
		}
		return absolute;
	}

	/**
	 * Opens a checked file for reading.
	 * @param path a path returned by {@link #check(String)}
	 * @return the stream
	 * @throws CorelakeException {@code SOURCE_NOT_ALLOWED} when it now leads outside,
	 * {@code SOURCE_UNREACHABLE} when it cannot be read
	 */
	public InputStream open(Path path) {
		Path real = realExisting(path);
		try {
			return Files.newInputStream(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			throw new CorelakeException(SyncErrorCode.SOURCE_UNREACHABLE, "Cannot read " + path + ": " + ex);
		}
	}

	/**
	 * The size and modification time of a checked file, to notice a change between
	 * attempts of a run.
	 * @param path a path returned by {@link #check(String)}
	 * @return its size and modification time in milliseconds
	 */
	public long[] sizeAndTime(Path path) {
		Path real = realExisting(path);
		try {
			return new long[] { Files.size(real), Files.getLastModifiedTime(real).toMillis() };
		}
		catch (IOException ex) {
			throw new CorelakeException(SyncErrorCode.SOURCE_UNREACHABLE, "Cannot read " + path + ": " + ex);
		}
	}

	private Path realExisting(Path path) {
		Path checked = check(path.toString());
		try {
			Path real = checked.toRealPath();
			if (!inside(real)) {
				throw refused("'" + path + "' leads outside the allowed directories");
			}
			if (!Files.isRegularFile(real)) {
				throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED, path + " is not a regular file");
			}
			return real;
		}
		catch (NoSuchFileException ex) {
			throw new CorelakeException(SyncErrorCode.SOURCE_UNREACHABLE, "File " + path + " does not exist");
		}
		catch (IOException ex) {
			throw new CorelakeException(SyncErrorCode.SOURCE_UNREACHABLE, "Cannot read " + path + ": " + ex);
		}
	}

	private boolean inside(Path path) {
		for (Path dir : this.allowedDirs) {
			if (path.startsWith(dir) && !path.equals(dir)) {
				return true;
			}
		}
		return false;
	}

	private static Path real(Path path) {
		try {
			return path.toRealPath();
		}
		catch (IOException ex) {
			return path;
		}
	}

	private static CorelakeException refused(String detail) {
		return new CorelakeException(SyncErrorCode.SOURCE_NOT_ALLOWED, "File source refused: " + detail + ".");
	}

}
