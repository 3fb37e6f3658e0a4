package dev.corelake.sync.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.corelake.errors.CorelakeException;
import dev.corelake.lake.Lake;
import dev.corelake.sync.run.Run;
import dev.corelake.sync.run.RunService;
import dev.corelake.sync.system.SyncErrorCode;
import jakarta.validation.constraints.Min;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/v1/sync/runs/{id}/rejects}: the records a run rejected, one JSON object
 * per line ({@code reason}, {@code record}, {@code offset}), from the committed version
 * (where they sit in {@code _rejects/}, which readers of the dataset skip) or, for a run
 * that did not commit, from its staging area while that is kept.
 *
 * @author Corelake
 */
@RestController
class RejectsController {

	private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	private final RunService runs;

	private final Lake lake;

	RejectsController(RunService runs, Lake lake) {
		this.runs = runs;
		this.lake = lake;
	}

	@GetMapping(path = "/api/v1/sync/runs/{id}/rejects", produces = { "application/x-ndjson", "application/json" })
	ResponseEntity<StreamingResponseBody> rejects(@PathVariable @Min(1) long id) throws IOException {
		Run run = this.runs.get(id);
		Path dir = (run.location() != null)
				? new Path(this.lake.resolve(java.net.URI.create(run.location())), "_rejects")
				: new Path(new Path(new Path(new Path(this.lake.root(), Lake.STAGING), "sync"), Long.toString(id)),
						"_rejects");
		FileSystem fs = this.lake.fileSystem();
		List<Path> files = new ArrayList<>();
		if (fs.exists(dir)) {
			for (FileStatus file : fs.listStatus(dir)) {
				if (file.isFile()) {
					files.add(file.getPath());
				}
			}
		}
		if (files.isEmpty()) {
			throw new CorelakeException(SyncErrorCode.REJECTS_NOT_FOUND, "Run " + id + " has no rejected records.");
		}
		files.sort(null);
		StreamingResponseBody body = (out) -> {
			for (Path file : files) {
				try (InputStream in = fs.open(file)) {
					in.transferTo(out);
				}
			}
		};
		return ResponseEntity.ok().contentType(NDJSON).body(body);
	}

}
