package dev.corelake.compute.sql;

import java.util.Map;

import dev.corelake.compute.spark.SharedSpark;
import dev.corelake.errors.CorelakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SQL guard with Spark's real parser: what passes, what is refused and why.
 *
 * @author Corelake
 */
class SqlGuardTests {

	private static SqlGuard guard;

	@BeforeAll
	static void spark() {
		guard = new SqlGuard(SharedSpark.acquire(1, Map.of()));
	}

	@AfterAll
	static void release() {
		SharedSpark.release();
	}

	@Test
	void queryOverDatasetsPassesWithItsTables() {
		GuardedQuery query = guard.check("""
				with big as (select region, amount from sales where amount > 10)
				select b.region, sum(b.amount) total, count(distinct c.id)
				from big b join `customers@3` c on b.region = c.region
				where exists (select 1 from regions r where r.name = b.region)
				group by b.region order by total desc limit 10""");
		assertThat(query.tables()).containsExactlyInAnyOrder(new TableRef("sales", "sales", null),
				new TableRef("customers@3", "customers", 3), new TableRef("regions", "regions", null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "select explode(array(1, 2))", "select * from range(10)",
			"select * from values (1, 'a'), (2, 'b') as t(id, name)",
			"select id, row_number() over (partition by id order by id) from sales",
			"select * from sales tablesample (10 percent)", "select /*+ broadcast(s) */ * from sales s",
			"select * from sales lateral view explode(array(1)) t as x",
			"select id from sales union all select id from `sales@1`" })
	void readOnlyQueriesPass(String sql) {
		assertThat(guard.check(sql).sql()).isEqualTo(sql);
	}

	@ParameterizedTest
	@ValueSource(strings = { "create table t (id int)", "drop table sales", "insert into sales values (1)",
			"delete from sales where id = 1", "create temporary function f as 'x.Y'", "set spark.sql.x = 1",
			"cache table sales", "create or replace temporary view v as select 1", "add jar /tmp/x.jar",
			"select transform(id) using 'cat' from sales", "describe sales", "show tables", "refresh table sales",
			"load data local inpath '/etc/passwd' into table sales", "execute immediate 'drop table sales'",
			"select * from identifier(concat('sa', 'les'))", "insert overwrite directory '/tmp/x' select 1" })
	void statementsThatAreNotQueriesAreRefused(String sql) {
		assertThatExceptionOfType(SqlNotAllowedException.class).isThrownBy(() -> guard.check(sql))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).contains("not"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "select * from parquet.`/etc`", "select * from csv.`file:/etc/passwd`",
			"select * from json.`hdfs://nn/x`", "select * from spark_catalog.default.sales", "select * from `../x`",
			"select * from read_files('/etc')", "select reflect('java.lang.System', 'exit', 0)",
			"select java_method('java.lang.Runtime', 'getRuntime')", "select input_file_name() from sales",
			"select xpath('<a/>', '/a')", "select my_udf(1)", "select db.f(1)",
			"select * from sales where id in (select id from parquet.`/x`)",
			"select (select reflect('a', 'b')) from sales" })
	void fileReadsAndDangerousFunctionsAreRefused(String sql) {
		assertThatExceptionOfType(SqlNotAllowedException.class).isThrownBy(() -> guard.check(sql));
	}

	@Test
	void syntaxErrorsSayWhere() {
		assertThatExceptionOfType(CorelakeException.class).isThrownBy(() -> guard.check("selec 1 frm"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode().code()).isEqualTo("SQL_SYNTAX_ERROR");
				assertThat(ex.getBody().getDetail()).containsIgnoringCase("syntax");
			});
	}

	@Test
	void cteNamesAreNotDatasets() {
		assertThat(guard.check("with t as (select 1 as x) select * from t").tables()).isEmpty();
	}

}
