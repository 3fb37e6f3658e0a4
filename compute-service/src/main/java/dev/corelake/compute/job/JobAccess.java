package dev.corelake.compute.job;

import java.util.Set;
import java.util.stream.Collectors;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may do what with jobs: {@code DATA_ENGINEER}, {@code DATA_SCIENTIST} and
 * {@code ADMIN} submit; everyone sees and cancels only their own jobs, except
 * administrators and API clients with scope {@code compute.write} (all jobs) or
 * {@code compute.read} (read all). A job the caller may not see does not exist for them.
 * With platform security off every caller is an administrator named {@code anonymous}.
 *
 * @author Corelake
 */
@Component
class JobAccess {

	private final boolean enabled;

	JobAccess(@Value("${corelake.platform.security.enabled:true}") boolean enabled) {
		this.enabled = enabled;
	}

	Caller caller() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!this.enabled || authentication == null) {
			return new Caller("anonymous", Set.of("ROLE_ADMIN"));
		}
		return new Caller(authentication.getName(),
				authentication.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.collect(Collectors.toUnmodifiableSet()));
	}

	/**
	 * A caller and what it may do.
	 *
	 * @param name user name or client id
	 * @param authorities {@code ROLE_*} and {@code SCOPE_*}
	 */
	record Caller(String name, Set<String> authorities) {

		boolean isAdmin() {
			return this.authorities.contains("ROLE_ADMIN") || this.authorities.contains("SCOPE_compute.write");
		}

		boolean readsAll() {
			return isAdmin() || this.authorities.contains("SCOPE_compute.read");
		}

		void requireSubmit() {
			if (!(isAdmin() || this.authorities.contains("ROLE_DATA_ENGINEER")
					|| this.authorities.contains("ROLE_DATA_SCIENTIST"))) {
				throw new CorelakeException(CommonErrorCode.ACCESS_DENIED,
						"Running compute jobs needs the DATA_ENGINEER, DATA_SCIENTIST or ADMIN role.");
			}
		}

		ComputeJob visible(ComputeJob job) {
			if (!readsAll() && !this.name.equals(job.owner())) {
				throw JobNotFoundException.withId(job.id());
			}
			return job;
		}

		ComputeJob changeable(ComputeJob job) {
			visible(job);
			if (!isAdmin() && !this.name.equals(job.owner())) {
				throw new CorelakeException(CommonErrorCode.ACCESS_DENIED,
						"Only the owner of job '" + job.id() + "' or an administrator may change it.");
			}
			return job;
		}

	}

}
