package dev.corelake.lake;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The lake: one root directory on a Hadoop file system ({@code file:} or {@code hdfs:}),
 * laid out as <pre>
 * &lt;root&gt;/datasets/&lt;dataset&gt;/&lt;versionId&gt;/   committed, immutable dataset versions
 * &lt;root&gt;/models/&lt;model&gt;/&lt;versionId&gt;/       committed model artifacts
 * &lt;root&gt;/_staging/&lt;owner&gt;/&lt;runId&gt;/      in-progress work of one run, with its _LEASE
 * </pre> Producers write into a {@link Staging} area and {@link #commit commit} it by
 * renaming the directory, so no reader ever sees a partial version. Every name is checked
 * against {@code [a-z0-9][a-z0-9_.-]{0,127}}, and every path handed out or accepted stays
 * under the root.
 *
 * @author Corelake
 */
public final class Lake implements Closeable {

	/** Directory of committed dataset versions. */
	public static final String DATASETS = "datasets";

	/** Directory of committed model versions. */
	public static final String MODELS = "models";

	/** Directory of staging areas. */
	public static final String STAGING = "_staging";

	/** The lease file of a staging area. */
	public static final String LEASE = "_LEASE";

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

	private final FileSystem fileSystem;

	private final Path root;

	private final Clock clock;

	private volatile boolean closed;

	private Lake(FileSystem fileSystem, Path root, Clock clock) {
		this.fileSystem = fileSystem;
		this.root = root;
		this.clock = clock;
	}

	/**
	 * Opens the lake at {@code root}, creating the root directory if it is missing.
	 * @param root {@code file:/abs}, {@code file:./relative}, a plain path, or
	 * {@code hdfs://namenode:8020/path}
	 * @param hadoopConf extra Hadoop configuration (may be empty)
	 * @return the lake; close it to release its file system
	 * @throws UncheckedIOException if the file system cannot be reached
	 */
	public static Lake open(URI root, Map<String, String> hadoopConf) {
		return open(root, hadoopConf, Clock.systemUTC());
	}

	/**
	 * Opens the lake at {@code root} with the clock that dates leases and commits.
	 * @param root see {@link #open(URI, Map)}
	 * @param hadoopConf extra Hadoop configuration (may be empty)
	 * @param clock the clock
	 * @return the lake; close it to release its file system
	 */
	public static Lake open(URI root, Map<String, String> hadoopConf, Clock clock) {
		Objects.requireNonNull(root, "root");
		Objects.requireNonNull(clock, "clock");
		Configuration conf = new Configuration();
		if (hadoopConf != null) {
			hadoopConf.forEach(conf::set);
		}
		Path rootPath = rootPath(root);
		try {
			FileSystem fileSystem = FileSystem.newInstance(rootPath.toUri(), conf);
			try {
				Path qualified = fileSystem.makeQualified(rootPath);
				fileSystem.mkdirs(qualified);
				return new Lake(fileSystem, qualified, clock);
			}
			catch (IOException | RuntimeException ex) {
				fileSystem.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the lake at " + root, ex);
		}
	}

	private static Path rootPath(URI root) {
		String scheme = root.getScheme();
		if (scheme == null || "file".equals(scheme)) {
			String local = root.isOpaque() ? root.getSchemeSpecificPart() : root.getPath();
			if (local == null || local.isEmpty()) {
				throw new IllegalArgumentException("Lake root '" + root + "' names no directory");
			}
			return new Path("file", null, Paths.get(local).toAbsolutePath().normalize().toString());
		}
		if (root.getPath() == null || root.getPath().isEmpty() || !root.getPath().startsWith("/")) {
			throw new IllegalArgumentException("Lake root '" + root + "' must have an absolute path");
		}
		return new Path(root);
	}

	/**
	 * The Hadoop file system the lake lives on (for reading and writing files).
	 * @return the file system, closed with the lake
	 */
	public FileSystem fileSystem() {
		return this.fileSystem;
	}

	/**
	 * The root directory.
	 * @return the fully qualified root path
	 */
	public Path root() {
		return this.root;
	}

	/**
	 * The root as a URI.
	 * @return e.g. {@code file:/abs/lake} or {@code hdfs://nn:8020/corelake}
	 */
	public URI uri() {
		return this.root.toUri();
	}

	/**
	 * Creates, or re-opens for a resumed run, the staging area of a run and writes its
	 * lease.
	 * @param owner the producing service: {@code sync}, {@code compute}, {@code model}
	 * @param runId the run's id
	 * @return the staging area
	 * @throws IllegalArgumentException if a name is invalid
	 * @throws UncheckedIOException if the file system fails
	 */
	public Staging stage(String owner, String runId) {
		checkOpen();
		Path dir = new Path(new Path(new Path(this.root, STAGING), checkName("owner", owner)),
				checkName("runId", runId));
		try {
			this.fileSystem.mkdirs(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create staging area " + dir, ex);
		}
		writeLease(dir);
		return new Staging(this, owner, runId, dir);
	}

	/**
	 * Commits a staging area as a dataset version: removes the lease and renames the
	 * directory to {@code datasets/<dataset>/<versionId>}. Safe to call again after a
	 * crash: when the version exists and the staging area no longer does, it only returns
	 * the path. Two different runs must never commit the same version id.
	 * @param staging the staging area
	 * @param dataset the dataset name
	 * @param versionId the version id chosen by the producer
	 * @return the committed directory
	 * @throws IllegalStateException if both the staging area and the version exist, or
	 * neither does
	 */
	public Path commit(Staging staging, String dataset, String versionId) {
		return commitTo(staging, versionPath(DATASETS, dataset, versionId));
	}

	/**
	 * Commits a staging area as a model version ({@code models/<model>/<versionId>}), by
	 * the same rule as {@link #commit}.
	 * @param staging the staging area
	 * @param model the model name
	 * @param versionId the version id chosen by the producer
	 * @return the committed directory
	 */
	public Path commitModel(Staging staging, String model, String versionId) {
		return commitTo(staging, versionPath(MODELS, model, versionId));
	}

	private Path commitTo(Staging staging, Path target) {
		Objects.requireNonNull(staging, "staging");
		checkOpen();
		if (staging.lake() != this) {
			throw new IllegalArgumentException(staging + " belongs to another lake");
		}
		try {
			boolean staged = this.fileSystem.exists(staging.dir());
			boolean committed = this.fileSystem.exists(target);
			if (committed && !staged) {
				return target;
			}
			if (committed) {
				throw new IllegalStateException("Both " + staging.dir() + " and " + target
						+ " exist: the version was committed by another run");
			}
			if (!staged) {
				throw new IllegalStateException("Nothing to commit: " + staging.dir() + " does not exist");
			}
			this.fileSystem.delete(new Path(staging.dir(), LEASE), false);
			this.fileSystem.mkdirs(target.getParent());
			if (!this.fileSystem.rename(staging.dir(), target)) {
				if (this.fileSystem.exists(target) && !this.fileSystem.exists(staging.dir())) {
					return target;
				}
				throw new IllegalStateException("Cannot rename " + staging.dir() + " to " + target);
			}
			// The commit, not the first write into staging, starts the version's age.
			this.fileSystem.setTimes(target, this.clock.millis(), -1);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot commit " + staging.dir() + " to " + target, ex);
		}
	}

	/**
	 * The directory of a dataset version (committed or not).
	 * @param dataset the dataset name
	 * @param versionId the version id
	 * @return {@code <root>/datasets/<dataset>/<versionId>}
	 */
	public Path versionPath(String dataset, String versionId) {
		return versionPath(DATASETS, dataset, versionId);
	}

	/**
	 * The directory of a model version (committed or not).
	 * @param model the model name
	 * @param versionId the version id
	 * @return {@code <root>/models/<model>/<versionId>}
	 */
	public Path modelPath(String model, String versionId) {
		return versionPath(MODELS, model, versionId);
	}

	private Path versionPath(String area, String name, String versionId) {
		return new Path(new Path(new Path(this.root, area), checkName(area.equals(MODELS) ? "model" : "dataset", name)),
				checkName("versionId", versionId));
	}

	/**
	 * The fully qualified location of a dataset version, as registered in the catalog.
	 * @param dataset the dataset name
	 * @param versionId the version id
	 * @return e.g. {@code file:/abs/lake/datasets/x/v} or
	 * {@code hdfs://nn:8020/corelake/datasets/x/v}
	 */
	public URI locationOf(String dataset, String versionId) {
		return versionPath(dataset, versionId).toUri();
	}

	/**
	 * Maps a location (as registered in the catalog) back to a path in this lake.
	 * @param location an absolute URI on the lake's file system
	 * @return the path, under the root (or the root itself)
	 * @throws IllegalArgumentException if the location has {@code .} or {@code ..}
	 * segments, a query or fragment, names another file system, or lies outside the root
	 */
	public Path resolve(URI location) {
		Objects.requireNonNull(location, "location");
		if (location.isOpaque() || location.getScheme() == null || location.getPath() == null
				|| !location.getPath().startsWith("/")) {
			throw new IllegalArgumentException("Location '" + location + "' is not an absolute URI");
		}
		if (location.getRawQuery() != null || location.getRawFragment() != null) {
			throw new IllegalArgumentException("Location '" + location + "' must have no query or fragment");
		}
		for (String segment : location.getPath().split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				throw new IllegalArgumentException("Location '" + location + "' has a '" + segment + "' segment");
			}
		}
		Path path;
		try {
			path = this.fileSystem.makeQualified(new Path(location));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Location '" + location + "' is not on the lake " + uri(), ex);
		}
		URI qualified = path.toUri();
		URI rootUri = this.root.toUri();
		if (!Objects.equals(qualified.getScheme(), rootUri.getScheme())
				|| !Objects.equals(qualified.getAuthority(), rootUri.getAuthority()) || !isUnderOrRoot(path)) {
			throw new IllegalArgumentException("Location '" + location + "' is outside the lake " + uri());
		}
		return path;
	}

	private boolean isUnderOrRoot(Path path) {
		String rootPath = this.root.toUri().getPath();
		String candidate = path.toUri().getPath();
		return candidate.equals(rootPath) || candidate.startsWith(rootPath.endsWith("/") ? rootPath : rootPath + "/");
	}

	/**
	 * Every committed version directory, {@code datasets/*}{@code /*} and
	 * {@code models/*}{@code /*}, with its modification time and size.
	 * @return the version directories
	 * @throws UncheckedIOException if the file system fails
	 */
	public List<LakeEntry> versionDirs() {
		checkOpen();
		List<LakeEntry> entries = new ArrayList<>();
		try {
			for (Listed dir : grandchildren(new Path(this.root, DATASETS))) {
				entries.add(versionEntry(LakeEntry.Kind.DATASET, dir));
			}
			for (Listed dir : grandchildren(new Path(this.root, MODELS))) {
				entries.add(versionEntry(LakeEntry.Kind.MODEL, dir));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the lake " + uri(), ex);
		}
		return entries;
	}

	private LakeEntry versionEntry(LakeEntry.Kind kind, Listed dir) throws IOException {
		Path path = dir.path();
		return new LakeEntry(kind, path.getParent().getName(), path.getName(), path, path.toUri(),
				Instant.ofEpochMilli(dir.status().getModificationTime()), size(path));
	}

	/**
	 * Every staging area, {@code _staging/*}{@code /*}, with its lease time.
	 * @return the staging areas
	 * @throws UncheckedIOException if the file system fails
	 */
	public List<StagingEntry> stagingAreas() {
		checkOpen();
		List<StagingEntry> entries = new ArrayList<>();
		try {
			for (Listed dir : grandchildren(new Path(this.root, STAGING))) {
				Path path = dir.path();
				entries.add(new StagingEntry(path.getParent().getName(), path.getName(), path, readLease(path),
						Instant.ofEpochMilli(dir.status().getModificationTime()), size(path)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the staging areas of " + uri(), ex);
		}
		return entries;
	}

	/**
	 * The directories two levels below {@code area}, with paths rebuilt from the root so
	 * that they have the same form as {@link #locationOf} (listings of a local file
	 * system answer {@code file:///…}).
	 */
	private List<Listed> grandchildren(Path area) throws IOException {
		List<Listed> result = new ArrayList<>();
		for (FileStatus parent : listDirs(area)) {
			Path parentPath = new Path(area, parent.getPath().getName());
			for (FileStatus child : listDirs(parent.getPath())) {
				result.add(new Listed(new Path(parentPath, child.getPath().getName()), child));
			}
		}
		return result;
	}

	private record Listed(Path path, FileStatus status) {

	}

	private List<FileStatus> listDirs(Path dir) throws IOException {
		List<FileStatus> dirs = new ArrayList<>();
		try {
			for (FileStatus status : this.fileSystem.listStatus(dir)) {
				if (status.isDirectory()) {
					dirs.add(status);
				}
			}
		}
		catch (FileNotFoundException ex) {
			// nothing there yet (or removed while listing)
		}
		return dirs;
	}

	private long size(Path path) throws IOException {
		try {
			return this.fileSystem.getContentSummary(path).getLength();
		}
		catch (FileNotFoundException ex) {
			return 0;
		}
	}

	/**
	 * Deletes a file or directory under the root, recursively. A missing path is not an
	 * error.
	 * @param path a path under the root
	 * @throws IllegalArgumentException if the path is the root itself or outside it
	 * @throws UncheckedIOException if the file system fails
	 */
	public void delete(Path path) {
		Objects.requireNonNull(path, "path");
		checkOpen();
		Path checked = resolve(this.fileSystem.makeQualified(path).toUri());
		if (checked.toUri().getPath().equals(this.root.toUri().getPath())) {
			throw new IllegalArgumentException("Refusing to delete the lake root " + uri());
		}
		try {
			this.fileSystem.delete(checked, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + checked, ex);
		}
	}

	void writeLease(Path dir) {
		checkOpen();
		Path lease = new Path(dir, LEASE);
		try (OutputStream out = this.fileSystem.create(lease, true)) {
			out.write(Long.toString(this.clock.millis()).getBytes(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write lease " + lease, ex);
		}
	}

	private Instant readLease(Path dir) throws IOException {
		Path lease = new Path(dir, LEASE);
		FileStatus status;
		try {
			status = this.fileSystem.getFileStatus(lease);
		}
		catch (FileNotFoundException ex) {
			return null;
		}
		try (InputStream in = this.fileSystem.open(lease)) {
			String text = new String(in.readNBytes(32), StandardCharsets.US_ASCII).trim();
			return Instant.ofEpochMilli(Long.parseLong(text));
		}
		catch (FileNotFoundException ex) {
			return null;
		}
		catch (NumberFormatException ex) {
			// being rewritten by a heartbeat right now: the write itself is recent
			return Instant.ofEpochMilli(status.getModificationTime());
		}
	}

	static String checkName(String what, String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"Invalid " + what + " '" + name + "': must match [a-z0-9][a-z0-9_.-]{0,127}");
		}
		return name;
	}

	/**
	 * Closes the file system of this lake; later operations throw
	 * {@link IllegalStateException}.
	 */
	@Override
	public void close() throws IOException {
		if (!this.closed) {
			this.closed = true;
			this.fileSystem.close();
		}
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException(this + " is closed");
		}
	}

	@Override
	public String toString() {
		return "Lake[" + uri() + "]";
	}

}
