package dev.corelake.auth.user;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/auth/me}: who the caller is, and changing one's own password. There is
 * deliberately no way to change one's own roles or enabled flag here: the request records
 * have no such members, and unknown members are refused with 400.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/auth/me", produces = MediaType.APPLICATION_JSON_VALUE)
class MeController {

	private final UserService users;

	MeController(UserService users) {
		this.users = users;
	}

	@GetMapping
	MeResponse me(@AuthenticationPrincipal Jwt token) {
		String clientId = token.getClaimAsString("client_id");
		if (clientId != null) {
			return new MeResponse(token.getSubject(), "client", Set.of(), scopes(token), null, null);
		}
		User user = this.users.get(token.getSubject());
		Set<String> roles = new TreeSet<>();
		user.getRoles().forEach((role) -> roles.add(role.name()));
		return new MeResponse(user.getUsername(), "user", roles, List.of(), user.getCreatedAt(), user.getUpdatedAt());
	}

	@PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> changePassword(@AuthenticationPrincipal Jwt token,
			@Valid @RequestBody ChangePasswordRequest request, HttpServletRequest servletRequest) {
		if (token.getClaimAsString("client_id") != null) {
			throw new CorelakeException(CommonErrorCode.ACCESS_DENIED, "API clients have secrets, not passwords.");
		}
		this.users.changeOwnPassword(token.getSubject(), request.oldPassword(), request.newPassword(),
				servletRequest.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	private static List<String> scopes(Jwt token) {
		String scope = token.getClaimAsString("scope");
		return (scope == null || scope.isBlank()) ? List.of() : Arrays.asList(scope.trim().split(" +"));
	}

	/**
	 * A password change: exactly these two members, nothing else is accepted.
	 *
	 * @param oldPassword the current password
	 * @param newPassword the new password, checked against the policy
	 */
	record ChangePasswordRequest(@NotNull @Size(max = UserController.MAX_PASSWORD_INPUT) String oldPassword,
			@NotNull @Size(max = UserController.MAX_PASSWORD_INPUT) String newPassword) {

		@Override
		public String toString() {
			return "ChangePasswordRequest[***]";
		}

	}

	/**
	 * The caller.
	 *
	 * @param subject the token's subject: a username or a client id
	 * @param kind {@code user} or {@code client}
	 * @param roles a user's current roles
	 * @param scopes a client token's scopes
	 * @param createdAt when the user was created
	 * @param updatedAt when the user last changed
	 */
	record MeResponse(String subject, String kind, Set<String> roles, List<String> scopes, Instant createdAt,
			Instant updatedAt) {
	}

}
