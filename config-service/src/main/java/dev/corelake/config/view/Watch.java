package dev.corelake.config.view;

import dev.corelake.config.property.ScopeKey;
import dev.corelake.platform.web.Preconditions;

import org.springframework.http.HttpStatus;
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
		DeferredResult<ResponseEntity<ViewResponse>> result) {

	/** Whether a change of this namespace and profile can change the watched view. */
	boolean sees(ScopeKey changed) {
		return (changed.namespace().equals(this.namespace) || changed.namespace().equals(ScopeKey.APPLICATION))
				&& (changed.profile().equals(this.profile) || changed.profile().equals(ScopeKey.DEFAULT_PROFILE));
	}

	void complete(View view) {
		this.result.setResult(ResponseEntity.ok()
			.eTag(Preconditions.etag(view.revision()))
			.body(ViewResponse.of(view, this.readsSecrets)));
	}

	void expire() {
		this.result.setResult(notModified(this.revision));
	}

	static ResponseEntity<ViewResponse> notModified(long revision) {
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
