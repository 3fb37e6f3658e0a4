package dev.corelake.sync.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads records of UTF-8 text from a stream: CSV records (RFC 4180: quoted fields,
 * doubled quotes, line breaks inside quotes) or lines (JSON Lines). It works on bytes,
 * which is exact for UTF-8 because no byte of a multi-byte character equals an ASCII
 * delimiter, so it always knows the byte offset after the last record: the position a
 * resumed run continues from. A record longer than the limit is skipped and reported,
 * never buffered whole, so a file without line breaks cannot exhaust the heap.
 *
 * @author Corelake
 */
public final class TextRecordReader implements Closeable {

	/** What {@link #next()} found. */
	public enum Result {

		/** A record: {@link #fields()} or {@link #line()}. */
		RECORD,
		/** A record too long, or malformed: skipped; {@link #problem()} says why. */
		REJECTED,
		/** The end of the stream. */
		END

	}

	private static final int BUFFER_SIZE = 64 * 1024;

	private final InputStream in;

	private final boolean csv;

	private final byte delimiter;

	private final byte quote;

	private final int maxRecordBytes;

	private final byte[] buffer = new byte[BUFFER_SIZE];

	private int position;

	private int limit;

	private long bufferStart;

	private byte[] record = new byte[1024];

	private int recordLength;

	private boolean overflow;

	private final List<Integer> fieldEnds = new ArrayList<>();

	private final List<String> fields = new ArrayList<>();

	private String problem;

	private boolean eof;

	private TextRecordReader(InputStream in, long offset, boolean csv, char delimiter, char quote, int maxRecordBytes) {
		if (delimiter > 127 || quote > 127) {
			throw new IllegalArgumentException("delimiter and quote must be ASCII characters");
		}
		this.in = in;
		this.bufferStart = offset;
		this.csv = csv;
		this.delimiter = (byte) delimiter;
		this.quote = (byte) quote;
		this.maxRecordBytes = maxRecordBytes;
	}

	/**
	 * A CSV reader.
	 * @param in the stream, positioned at {@code offset}
	 * @param offset byte offset of the stream's first byte in the file
	 * @param delimiter field delimiter
	 * @param quote quote character
	 * @param maxRecordBytes longest record kept
	 * @return the reader
	 */
	public static TextRecordReader csv(InputStream in, long offset, char delimiter, char quote, int maxRecordBytes) {
		return new TextRecordReader(in, offset, true, delimiter, quote, maxRecordBytes);
	}

	/**
	 * A line reader (JSON Lines).
	 * @param in the stream, positioned at {@code offset}
	 * @param offset byte offset of the stream's first byte in the file
	 * @param maxRecordBytes longest line kept
	 * @return the reader
	 */
	public static TextRecordReader lines(InputStream in, long offset, int maxRecordBytes) {
		return new TextRecordReader(in, offset, false, '\n', '\n', maxRecordBytes);
	}

	/**
	 * Byte offset after the last record read (where reading would resume).
	 * @return the offset
	 */
	public long offset() {
		return this.bufferStart + this.position;
	}

	/**
	 * Skips to a byte offset at or after the current one (a record boundary recorded by
	 * {@link #offset()} in an earlier attempt).
	 * @param target the offset
	 * @throws IOException when the stream ends first
	 */
	public void skipTo(long target) throws IOException {
		long remaining = target - offset();
		if (remaining < 0) {
			throw new IllegalArgumentException("cannot skip backwards to " + target);
		}
		int buffered = this.limit - this.position;
		if (remaining <= buffered) {
			this.position += (int) remaining;
			return;
		}
		remaining -= buffered;
		this.bufferStart += this.limit;
		this.position = 0;
		this.limit = 0;
		while (remaining > 0) {
			long skipped = this.in.skip(remaining);
			if (skipped <= 0) {
				if (this.in.read() < 0) {
					throw new IOException("the source ended before offset " + target);
				}
				skipped = 1;
			}
			remaining -= skipped;
			this.bufferStart += skipped;
		}
	}

	/**
	 * Reads the next record.
	 * @return what was found
	 * @throws IOException when the stream fails
	 */
	public Result next() throws IOException {
		while (true) {
			Result result = scan();
			if (result != Result.RECORD || this.recordLength > 0 || this.fieldEnds.size() > 1) {
				return result;
			}
			// an empty line is no record
		}
	}

	/**
	 * The fields of the last CSV record.
	 * @return the fields (reused by the next call)
	 */
	public List<String> fields() {
		this.fields.clear();
		int start = 0;
		for (int end : this.fieldEnds) {
			this.fields.add(new String(this.record, start, end - start, StandardCharsets.UTF_8));
			start = end;
		}
		return this.fields;
	}

	/**
	 * The bytes of the last line (JSON Lines), without the line break.
	 * @return a copy of the line's bytes
	 */
	public byte[] line() {
		return Arrays.copyOf(this.record, this.recordLength);
	}

	/**
	 * The last record as text, for a rejects file (at most about 200 characters).
	 * @return the text
	 */
	public String raw() {
		int length = Math.min(this.recordLength, 800);
		return Values.abbreviate(new String(this.record, 0, length, StandardCharsets.UTF_8));
	}

	/**
	 * Why the last record was rejected.
	 * @return the reason
	 */
	public String problem() {
		return this.problem;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	private Result scan() throws IOException {
		this.recordLength = 0;
		this.overflow = false;
		this.fieldEnds.clear();
		this.problem = null;
		if (!fill()) {
			return Result.END;
		}
		boolean quoted = false;
		boolean fieldStart = true;
		while (true) {
			if (this.position == this.limit && !fill()) {
				// end of stream ends the last record
				if (quoted) {
					this.problem = "unterminated quoted field at the end of the source";
					return Result.REJECTED;
				}
				return finish();
			}
			byte b = this.buffer[this.position++];
			if (quoted) {
				if (b == this.quote) {
					if (this.position == this.limit && !fill()) {
						quoted = false;
						continue;
					}
					if (this.buffer[this.position] == this.quote) {
						append(b);
						this.position++;
					}
					else {
						quoted = false;
					}
				}
				else {
					append(b);
				}
				continue;
			}
			if (b == '\n') {
				return finish();
			}
			if (b == '\r') {
				if ((this.position < this.limit || fill()) && this.buffer[this.position] == '\n') {
					this.position++;
				}
				return finish();
			}
			if (this.csv && b == this.delimiter) {
				this.fieldEnds.add(this.recordLength);
				fieldStart = true;
				continue;
			}
			if (this.csv && b == this.quote && fieldStart) {
				quoted = true;
				fieldStart = false;
				continue;
			}
			fieldStart = false;
			append(b);
		}
	}

	private Result finish() {
		this.fieldEnds.add(this.recordLength);
		if (this.overflow) {
			this.problem = "record longer than " + this.maxRecordBytes + " bytes";
			return Result.REJECTED;
		}
		return Result.RECORD;
	}

	private void append(byte b) {
		if (this.recordLength == this.maxRecordBytes) {
			this.overflow = true;
			return;
		}
		if (this.recordLength == this.record.length) {
			this.record = Arrays.copyOf(this.record, Math.min(this.maxRecordBytes, this.record.length * 2));
		}
		this.record[this.recordLength++] = b;
	}

	private boolean fill() throws IOException {
		if (this.position < this.limit) {
			return true;
		}
		if (this.eof) {
			return false;
		}
		this.bufferStart += this.limit;
		this.position = 0;
		this.limit = 0;
		int read = this.in.read(this.buffer, 0, this.buffer.length);
		if (read <= 0) {
			this.eof = true;
			return false;
		}
		this.limit = read;
		return true;
	}

}
