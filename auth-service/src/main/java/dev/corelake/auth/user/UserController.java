package dev.corelake.auth.user;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

import dev.corelake.platform.web.Preconditions;
import dev.corelake.auth.system.SubjectName;
import dev.corelake.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/auth/users} (ADMIN): create, list, read and change users; disabling is
 * {@code PATCH {"enabled": false}}.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/auth/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserController {

	/** Longest password accepted in a request; the policy then says what is wrong. */
	static final int MAX_PASSWORD_INPUT = 1024;

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<UserResponse> create(@Valid @RequestBody CreateUserRequest request) {
		User user = this.users.create(request.username(), request.password(), request.roles(),
				(request.enabled() != null) ? request.enabled() : true);
		return ResponseEntity.created(URI.create("/api/v1/auth/users/" + user.getUsername()))
			.eTag(Preconditions.etag(user.getRevision()))
			.body(UserResponse.of(user));
	}

	@GetMapping
	PageResponse<UserResponse> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return this.users.list(page, size).map(UserResponse::of);
	}

	@GetMapping("/{username}")
	ResponseEntity<UserResponse> get(@PathVariable @SubjectName String username) {
		User user = this.users.get(username);
		return ResponseEntity.ok().eTag(Preconditions.etag(user.getRevision())).body(UserResponse.of(user));
	}

	@PatchMapping(path = "/{username}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<UserResponse> update(@PathVariable @SubjectName String username,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody UpdateUserRequest request) {
		User user = this.users.update(username, ifMatch, request.roles(), request.enabled(), request.password());
		return ResponseEntity.ok().eTag(Preconditions.etag(user.getRevision())).body(UserResponse.of(user));
	}

	/**
	 * A new user.
	 *
	 * @param username unique username
	 * @param password initial password, checked against the policy
	 * @param roles at least one role
	 * @param enabled whether the user may log in (default {@code true})
	 */
	record CreateUserRequest(@NotNull @SubjectName String username,
			@NotNull @Size(max = MAX_PASSWORD_INPUT) String password, @NotEmpty @Size(max = 4) Set<@NotNull Role> roles,
			Boolean enabled) {

		@Override
		public String toString() {
			return "CreateUserRequest[username=" + this.username + ", roles=" + this.roles + "]";
		}

	}

	/**
	 * Changes to a user; absent members stay as they are.
	 *
	 * @param roles the complete new set of roles
	 * @param enabled {@code false} disables the user and ends their sessions
	 * @param password a new password (an administrator's reset)
	 */
	record UpdateUserRequest(@Size(min = 1, max = 4) Set<@NotNull Role> roles, Boolean enabled,
			@Size(max = MAX_PASSWORD_INPUT) String password) {

		@Override
		public String toString() {
			return "UpdateUserRequest[roles=" + this.roles + ", enabled=" + this.enabled + "]";
		}

	}

	/**
	 * A user as the API shows it; never the password or its hash.
	 *
	 * @param username username
	 * @param roles roles
	 * @param enabled whether the user may log in
	 * @param revision the ETag without quotes
	 * @param createdAt creation time
	 * @param updatedAt time of the last change
	 */
	record UserResponse(String username, Set<Role> roles, boolean enabled, long revision, Instant createdAt,
			Instant updatedAt) {

		static UserResponse of(User user) {
			return new UserResponse(user.getUsername(), user.getRoles(), user.isEnabled(), user.getRevision(),
					user.getCreatedAt(), user.getUpdatedAt());
		}

	}

}
