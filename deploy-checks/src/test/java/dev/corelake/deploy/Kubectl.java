package dev.corelake.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl kustomize}, when kubectl is installed: it renders overlays offline, as
 * {@code kubectl apply -k} would before sending them.
 *
 * @author Corelake
 */
final class Kubectl {

	private static final long TIMEOUT_SECONDS = 120;

	private Kubectl() {
	}

	/**
	 * Whether kubectl can be run here.
	 * @return an empty optional when it can, else why not
	 */
	static Optional<String> unavailable() {
		try {
			Result result = run(List.of("kubectl", "version", "--client"));
			return (result.exitCode() == 0) ? Optional.empty()
					: Optional.of("kubectl version --client failed: " + result.output());
		}
		catch (IOException ex) {
			return Optional.of("kubectl is not on the PATH (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Renders a kustomization.
	 * @param directory the directory holding kustomization.yaml
	 * @return the rendered YAML
	 * @throws IllegalStateException when kustomize refuses it
	 */
	static String kustomize(Path directory) {
		try {
			Result result = run(List.of("kubectl", "kustomize", directory.toString()));
			if (result.exitCode() != 0) {
				throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + result.output());
			}
			return result.output();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run kubectl", ex);
		}
	}

	private static Result run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process, false));
		CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process, true));
		try {
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
			}
			int exit = process.exitValue();
			return new Result(exit, (exit == 0) ? output.join() : errors.join() + output.join());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static String read(Process process, boolean errors) {
		try {
			return new String((errors ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private record Result(int exitCode, String output) {
	}

}
