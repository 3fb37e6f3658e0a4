package dev.corelake.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Reads back the Parquet files of a committed version, as any reader would.
 *
 * @author Corelake
 */
public final class ParquetFiles {

	private ParquetFiles() {
	}

	/**
	 * The part files of a version directory, in name order.
	 * @param fs the file system
	 * @param dir the directory
	 * @return the parts
	 * @throws IOException when the directory cannot be listed
	 */
	public static List<Path> parts(FileSystem fs, Path dir) throws IOException {
		List<Path> parts = new ArrayList<>();
		for (FileStatus status : fs.listStatus(dir)) {
			if (status.isFile() && status.getPath().getName().endsWith(".parquet")) {
				parts.add(status.getPath());
			}
		}
		parts.sort(null);
		return parts;
	}

	/**
	 * Every row of a version.
	 * @param fs the file system
	 * @param dir the directory
	 * @return the rows
	 * @throws IOException when a file cannot be read
	 */
	public static List<Group> read(FileSystem fs, Path dir) throws IOException {
		List<Group> rows = new ArrayList<>();
		for (Path part : parts(fs, dir)) {
			try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), part)
				.withConf(fs.getConf())
				.build()) {
				Group row;
				while ((row = reader.read()) != null) {
					rows.add(row);
				}
			}
		}
		return rows;
	}

	/**
	 * The number of rows of a version, from the files' footers (without reading the
	 * rows).
	 * @param fs the file system
	 * @param dir the directory
	 * @return the rows
	 * @throws IOException when a file cannot be read
	 */
	public static long count(FileSystem fs, Path dir) throws IOException {
		long rows = 0;
		for (Path part : parts(fs, dir)) {
			try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(part, fs.getConf()))) {
				rows += reader.getRecordCount();
			}
		}
		return rows;
	}

}
