package dev.corelake.auth.token;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.corelake.auth.client.ClientRepositoryAccess;
import dev.corelake.auth.key.KeyRepositoryAccess;
import dev.corelake.auth.system.SubjectNames;
import dev.corelake.auth.token.RefreshTokenRepository.IssuedAccess;
import dev.corelake.auth.token.RefreshTokenRepository.StoredRefreshToken;
import dev.corelake.auth.user.Role;
import dev.corelake.auth.user.User;
import dev.corelake.auth.user.UserRepositoryAccess;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * auth-service's persistence (Flyway schema, Spring Data JDBC mapping of users and
 * clients, and the hand-written SQL of refresh tokens, the denylist and signing keys)
 * checked against a real database. Subclasses choose the database; every test here runs
 * on each of them.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = { "corelake.data-dir=target/test-data",
		"corelake.auth.admin-password=Persistence-Admin-42", "corelake.auth.maintenance-interval=PT1H" })
abstract class AbstractAuthPersistenceTests {

	private static final Instant NOW = Instant.parse("2026-04-05T06:07:08.123456Z");

	@Autowired
	private RefreshTokenRepository refreshTokens;

	@Autowired
	private RevokedTokenRepository revoked;

	@Autowired
	private SubjectNames names;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private Flyway flyway;

	@Autowired
	private ApplicationContext context;

	private UserRepositoryAccess users;

	private ClientRepositoryAccess clients;

	private KeyRepositoryAccess keys;

	/**
	 * The database product the subclass runs on, as JDBC names it.
	 * @return the product name
	 */
	protected abstract String expectedDatabaseProduct();

	@BeforeEach
	void emptyTables() {
		this.users = new UserRepositoryAccess(this.context);
		this.clients = new ClientRepositoryAccess(this.context);
		this.keys = new KeyRepositoryAccess(this.context);
		this.jdbc.sql("delete from refresh_token").update();
		this.jdbc.sql("delete from revoked_access_token").update();
		this.users.deleteAll();
		this.clients.deleteAll();
	}

	@Test
	void databaseWhenConnectedThenIsTheExpectedProductWithEveryMigrationApplied() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(expectedDatabaseProduct());
		}
		MigrationInfo[] applied = this.flyway.info().applied();
		assertThat(applied).extracting((info) -> info.getVersion().getVersion(), MigrationInfo::getScript)
			.containsExactly(tuple("1", "V1__auth.sql"));
		assertThat(this.flyway.info().pending()).isEmpty();
		assertThat(this.flyway.validateWithResult().validationSuccessful).isTrue();
	}

	@Test
	void usersWhenSavedThenRolesAndTimesRoundTripAndUsernamesAreUnique() {
		this.users.save("alice", Set.of(Role.ADMIN, Role.VIEWER), true, NOW);
		User found = this.users.find("alice");
		assertThat(found.getRoles()).containsExactly(Role.ADMIN, Role.VIEWER);
		assertThat(found.isEnabled()).isTrue();
		assertThat(this.users.createdAt(found)).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
		assertThat(this.users.find("ALICE")).as("usernames are case-sensitive").isNull();
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.users.save("alice", Set.of(Role.VIEWER), true, NOW));
	}

	@Test
	void usersWhenCopyIsStaleThenOptimisticLockingFailureAndTheFirstChangeStays() {
		this.users.save("bob", Set.of(Role.VIEWER), true, NOW);
		User first = this.users.find("bob");
		User second = this.users.find("bob");
		this.users.changeRoles(first, Set.of(Role.DATA_ENGINEER));
		this.users.save(first);
		this.users.changeRoles(second, Set.of(Role.ADMIN));
		assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> this.users.save(second));
		User stored = this.users.find("bob");
		assertThat(stored.getRoles()).containsExactly(Role.DATA_ENGINEER);
		assertThat(this.users.revision(stored)).isEqualTo(1);
	}

	@Test
	void countEnabledAdminsWhenMixedUsersThenCountsOnlyEnabledAdmins() {
		this.users.save("admin-one", Set.of(Role.ADMIN), true, NOW);
		this.users.save("admin-two", Set.of(Role.ADMIN, Role.VIEWER), true, NOW);
		this.users.save("admin-off", Set.of(Role.ADMIN), false, NOW);
		this.users.save("viewer", Set.of(Role.VIEWER), true, NOW);
		assertThat(this.users.countEnabledAdmins()).isEqualTo(2);
	}

	@Test
	void clientsWhenSavedThenScopesRoundTripAndNamesAreSharedWithUsers() {
		this.clients.save("etl", Set.of("catalog.read", "catalog.write"), NOW);
		assertThat(this.clients.find("etl").getScopes()).containsExactly("catalog.read", "catalog.write");
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.clients.save("etl", Set.of("x"), NOW));
		this.users.save("carol", Set.of(Role.VIEWER), true, NOW);
		assertThat(this.names.isTaken("etl")).isTrue();
		assertThat(this.names.isTaken("carol")).isTrue();
		assertThat(this.names.isTaken("dave")).isFalse();
	}

	@Test
	void refreshTokenWhenStoredThenFoundByHashWithEveryColumn() {
		StoredRefreshToken token = token("family-1", "erin", NOW.plusSeconds(3600), NOW.plusSeconds(600));
		this.refreshTokens.insert(token);
		StoredRefreshToken found = this.refreshTokens.find(token.hash()).orElseThrow();
		assertThat(found).isEqualTo(new StoredRefreshToken(token.hash(), "family-1", "erin",
				NOW.truncatedTo(ChronoUnit.MICROS), NOW.plusSeconds(3600).truncatedTo(ChronoUnit.MICROS), null, null,
				token.accessJti(), NOW.plusSeconds(600).truncatedTo(ChronoUnit.MICROS)));
		assertThat(this.refreshTokens.find("0".repeat(64))).isEmpty();
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.refreshTokens.insert(token));
	}

	@Test
	void markUsedWhenRacedByManyThreadsThenExactlyOneWins() throws Exception {
		StoredRefreshToken token = token("family-2", "frank", NOW.plusSeconds(3600), NOW.plusSeconds(600));
		this.refreshTokens.insert(token);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				results.add(executor.submit(() -> {
					start.await();
					return this.refreshTokens.markUsed(token.hash(), NOW);
				}));
			}
			start.countDown();
			int winners = 0;
			for (Future<Boolean> result : results) {
				winners += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(winners).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(this.refreshTokens.find(token.hash()).orElseThrow().usedAt()).isNotNull();
	}

	@Test
	void revokeFamilyWhenCalledThenEveryTokenIsRevokedAndLiveAccessTokensAreReturned() {
		StoredRefreshToken old = token("family-3", "gina", NOW.plusSeconds(3600), NOW.minusSeconds(1));
		StoredRefreshToken current = token("family-3", "gina", NOW.plusSeconds(3600), NOW.plusSeconds(600));
		StoredRefreshToken other = token("family-4", "gina", NOW.plusSeconds(3600), NOW.plusSeconds(600));
		List.of(old, current, other).forEach(this.refreshTokens::insert);
		assertThat(this.refreshTokens.liveFamiliesOf("gina", NOW)).containsExactlyInAnyOrder("family-3", "family-4");

		List<IssuedAccess> live = this.refreshTokens.revokeFamily("family-3", NOW);
		assertThat(live).containsExactly(
				new IssuedAccess(current.accessJti(), current.accessExpiresAt().truncatedTo(ChronoUnit.MICROS)));
		assertThat(this.refreshTokens.find(old.hash()).orElseThrow().revokedAt()).isNotNull();
		assertThat(this.refreshTokens.markUsed(current.hash(), NOW)).as("a revoked token cannot be used").isFalse();
		assertThat(this.refreshTokens.find(other.hash()).orElseThrow().revokedAt()).isNull();
		assertThat(this.refreshTokens.liveFamiliesOf("gina", NOW)).containsExactly("family-4");
		assertThat(this.refreshTokens.liveFamiliesOf("gina", NOW.plusSeconds(7200))).isEmpty();
	}

	@Test
	void deleteExpiredBeforeWhenCalledThenOnlyFullyExpiredTokensGo() {
		StoredRefreshToken expired = token("family-5", "hank", NOW.minusSeconds(10), NOW.minusSeconds(700));
		StoredRefreshToken accessAlive = token("family-6", "hank", NOW.minusSeconds(10), NOW.plusSeconds(10));
		StoredRefreshToken alive = token("family-7", "hank", NOW.plusSeconds(10), NOW.minusSeconds(700));
		List.of(expired, accessAlive, alive).forEach(this.refreshTokens::insert);
		assertThat(this.refreshTokens.deleteExpiredBefore(NOW)).isEqualTo(1);
		assertThat(this.refreshTokens.find(expired.hash())).isEmpty();
		assertThat(this.refreshTokens.find(accessAlive.hash())).isPresent();
		assertThat(this.refreshTokens.find(alive.hash())).isPresent();
	}

	@Test
	void denylistWhenTheSameTokenIsRevokedTwiceThenOneEntryAndTheFeedOrdersByTime() {
		this.revoked.revoke("jti-b", NOW.plusSeconds(600), NOW.plusSeconds(2));
		this.revoked.revoke("jti-a", NOW.plusSeconds(600), NOW.plusSeconds(1));
		this.revoked.revoke("jti-a", NOW.plusSeconds(900), NOW.plusSeconds(5));
		this.revoked.revoke("jti-old", NOW.minusSeconds(1), NOW);
		assertThat(this.revoked.isRevoked("jti-a")).isTrue();
		assertThat(this.revoked.isRevoked("jti-z")).isFalse();
		assertThat(this.jdbc.sql("select count(*) from revoked_access_token").query(Long.class).single()).isEqualTo(3);
		assertThat(this.revoked.revokedSince(NOW.minusSeconds(60), NOW)).extracting(RevokedTokenRepository.Revoked::jti)
			.containsExactly("jti-a", "jti-b");
		assertThat(this.revoked.revokedSince(NOW.plusSeconds(1), NOW)).extracting(RevokedTokenRepository.Revoked::jti)
			.containsExactly("jti-b");
		assertThat(this.revoked.deleteExpiredBefore(NOW)).isEqualTo(1);
		assertThat(this.revoked.isRevoked("jti-old")).isFalse();
	}

	@Test
	void signingKeysWhenRetiredAndPurgedThenOnlyRetiredKeysPastTheCutoffGo() {
		String prefix = "test-" + UUID.randomUUID() + "-";
		this.keys.insert(prefix + "old", NOW.minusSeconds(7200));
		this.keys.insert(prefix + "new", NOW);
		assertThat(this.keys.retire(prefix + "old", NOW.minusSeconds(3600))).isTrue();
		assertThat(this.keys.retire(prefix + "old", NOW)).as("retired once only").isFalse();
		assertThat(this.keys.describe()).filteredOn((key) -> key.startsWith(prefix))
			.containsExactly(prefix + "old@" + NOW.minusSeconds(3600).truncatedTo(ChronoUnit.MICROS),
					prefix + "new@null");
		assertThat(this.keys.deleteRetiredBefore(NOW.minusSeconds(3601))).isZero();
		assertThat(this.keys.deleteRetiredBefore(NOW)).isEqualTo(1);
		assertThat(this.keys.describe()).filteredOn((key) -> key.startsWith(prefix))
			.containsExactly(prefix + "new@null");
		this.jdbc.sql("delete from signing_key where kid like :prefix").param("prefix", prefix + "%").update();
	}

	private static StoredRefreshToken token(String family, String username, Instant expiresAt,
			Instant accessExpiresAt) {
		return new StoredRefreshToken(UUID.randomUUID().toString().replace("-", "") + "0".repeat(32), family, username,
				NOW, expiresAt, null, null, UUID.randomUUID().toString(), accessExpiresAt);
	}

}
