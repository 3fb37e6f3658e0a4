package dev.corelake.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.Path;

/**
 * The staging area of one run: files are written here, then committed by renaming the
 * whole directory. Its {@code _LEASE} file says the run is alive; a run heartbeats at
 * least every third of {@code corelake.lake.staging-lease-ttl}.
 *
 * @author Corelake
 */
public final class Staging {

	private static final Pattern FILE_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.=-]{0,254}");

	private final Lake lake;

	private final String owner;

	private final String runId;

	private final Path dir;

	Staging(Lake lake, String owner, String runId, Path dir) {
		this.lake = lake;
		this.owner = owner;
		this.runId = runId;
		this.dir = dir;
	}

	Lake lake() {
		return this.lake;
	}

	/**
	 * The producing service.
	 * @return the owner, e.g. {@code sync}
	 */
	public String owner() {
		return this.owner;
	}

	/**
	 * The producer's run id.
	 * @return the run id
	 */
	public String runId() {
		return this.runId;
	}

	/**
	 * The staging directory.
	 * @return {@code <root>/_staging/<owner>/<runId>}
	 */
	public Path dir() {
		return this.dir;
	}

	/**
	 * A file in the staging directory.
	 * @param name relative name, {@code /}-separated segments of letters, digits,
	 * {@code _ . = -}, none starting with {@code .} and none named {@code _LEASE}
	 * @return the path of the file
	 * @throws IllegalArgumentException if the name is not acceptable
	 */
	public Path file(String name) {
		if (name == null || name.isEmpty() || name.length() > 1024) {
			throw new IllegalArgumentException("Staging file name must be 1 to 1024 characters");
		}
		for (String segment : name.split("/", -1)) {
			if (!FILE_SEGMENT.matcher(segment).matches()) {
				throw new IllegalArgumentException("Invalid staging file name '" + name + "'");
			}
		}
		if (name.equals(Lake.LEASE)) {
			throw new IllegalArgumentException("'" + Lake.LEASE + "' is the lease of the staging area");
		}
		return new Path(this.dir, name);
	}

	/**
	 * Refreshes the lease so that sweepers leave this area alone.
	 * @throws UncheckedIOException if the lease cannot be written
	 */
	public void heartbeat() {
		this.lake.writeLease(this.dir);
	}

	/**
	 * Deletes the staging area and everything in it.
	 * @throws UncheckedIOException if the file system fails
	 */
	public void abort() {
		try {
			this.lake.fileSystem().delete(this.dir, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot abort staging area " + this.dir, ex);
		}
	}

	/**
	 * Whether the staging directory exists (it no longer does once committed or aborted).
	 * @return {@code true} if it exists
	 */
	public boolean exists() {
		try {
			return this.lake.fileSystem().exists(this.dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot check staging area " + this.dir, ex);
		}
	}

	@Override
	public String toString() {
		return "Staging[" + this.dir + "]";
	}

}
