package dev.corelake.config.view;

import dev.corelake.config.property.ScopeKey;
import dev.corelake.platform.web.Preconditions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * One waiting long-poll request.
 *
 * @param namespace the watched view's namespace
 * @param profile its profile
 * @param revision the revision the client has
 * @param readsSecrets whether the client sees secret values
 * @param result the pending answer
 * @author Corelake
 */
record Watch(String namespace, String profile, long revision, boolean readsSecrets,
		DeferredResult<ResponseEntity<?>> result) {

	/** Whether a change of this namespace and profile can change the watched view. */
	boolean sees(ScopeKey changed) {
		return (changed.namespace().equals(this.namespace) || changed.namespace().equals(ScopeKey.APPLICATION))
				&& (changed.profile().equals(this.profile) || changed.profile().equals(ScopeKey.DEFAULT_PROFILE));
	}

	/**
	 * Answers the watch with a prepared answer (the same answer object serves every watch
	 * of one view and secret visibility).
	 * @param answer the answer, from {@link #answer}
	 */
	void complete(ResponseEntity<?> answer) {
		this.result.setResult(answer);
	}

	/**
	 * The answer for the watchers of a view: the view serialized once, so that answering
	 * a thousand watchers of one view costs one serialization, not a thousand.
	 * @param view the view
	 * @param readsSecrets whether the watchers may see secret values
	 * @param json the service's JSON mapper
	 * @return the answer
	 */
	static ResponseEntity<byte[]> answer(View view, boolean readsSecrets, JsonMapper json) {
		return ResponseEntity.ok()
			.eTag(Preconditions.etag(view.revision()))
			.contentType(MediaType.APPLICATION_JSON)
			.body(json.writeValueAsBytes(ViewResponse.of(view, readsSecrets)));
	}

	void expire() {
		this.result.setResult(notModified(this.revision));
	}

	static ResponseEntity<?> notModified(long revision) {
		return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(Preconditions.etag(revision)).build();
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
