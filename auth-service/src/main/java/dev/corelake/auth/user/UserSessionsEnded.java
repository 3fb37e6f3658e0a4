package dev.corelake.auth.user;

/**
 * Published (inside the changing transaction) when a user's existing sessions must end:
 * their password, roles or enabled flag changed. The token feature revokes the user's
 * refresh tokens and the access tokens issued with them.
 *
 * @param username the user
 * @param reason why, for the log
 * @author Corelake
 */
public record UserSessionsEnded(String username, String reason) {

}
