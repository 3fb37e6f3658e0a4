package dev.corelake.auth.user;

/**
 * What a user may do on the platform; carried in access tokens' {@code roles} claim.
 *
 * @author Corelake
 */
public enum Role {

	/** Manages users, clients and keys; sees everything. */
	ADMIN,

	/** Builds data: syncs, datasets, computations. */
	DATA_ENGINEER,

	/** Analyses data and trains models. */
	DATA_SCIENTIST,

	/** Reads only. */
	VIEWER

}
