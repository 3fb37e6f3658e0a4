package dev.corelake.compute.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedGenerator;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import scala.Product;
import scala.jdk.javaapi.CollectionConverters;

import dev.corelake.compute.system.ComputeErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * Lets through only a read-only query over catalog datasets, before Spark runs anything.
 * The statement is parsed by Spark's own parser and the unresolved plan walked: every
 * node must be one of a known set of query operators (so DDL, DML, commands,
 * {@code TRANSFORM} scripts, {@code EXECUTE IMMEDIATE}, {@code IDENTIFIER(...)} and
 * anything Spark adds later are refused by default); every table must be a one-part
 * dataset name (so {@code parquet.`/path`} and catalog-qualified names are refused);
 * every function must be a built-in one and not one that reaches the JVM, the file system
 * or the network; table-valued functions are limited to {@code range} and the generators.
 *
 * @author Corelake
 */
public class SqlGuard {

	/** Query operators, by class name, as the parser produces them. */
	static final Set<String> ALLOWED_NODES = Set.of("Project", "Filter", "Aggregate", "Join", "LateralJoin", "Sort",
			"GlobalLimit", "LocalLimit", "Limit", "LimitAll", "Offset", "Tail", "Distinct", "Deduplicate", "Union",
			"Intersect", "Except", "SubqueryAlias", "UnresolvedRelation", "UnresolvedWith", "CTERelationRef", "Window",
			"WithWindowDefinition", "Sample", "Generate", "Pivot", "Unpivot", "OneRowRelation", "LocalRelation",
			"UnresolvedInlineTable", "UnresolvedHint", "Repartition", "RepartitionByExpression", "RebalancePartitions",
			"UnresolvedTableValuedFunction", "UnresolvedTVFAliases", "UnresolvedSubqueryColumnAliases",
			"UnresolvedHaving", "UnresolvedQualify");

	/**
	 * Built-in functions that reach the JVM (reflection), reveal lake paths, or parse XML
	 * (external entities can read files or URLs).
	 */
	static final Set<String> REFUSED_FUNCTIONS = Set.of("reflect", "java_method", "try_reflect", "input_file_name",
			"input_file_block_start", "input_file_block_length", "xpath", "xpath_boolean", "xpath_double",
			"xpath_float", "xpath_int", "xpath_long", "xpath_number", "xpath_short", "xpath_string", "from_xml",
			"schema_of_xml", "to_xml");

	/** Table-valued functions that only compute rows. */
	static final Set<String> ALLOWED_TABLE_FUNCTIONS = Set.of("range", "explode", "explode_outer", "inline",
			"inline_outer", "posexplode", "posexplode_outer", "stack", "json_tuple", "variant_explode",
			"variant_explode_outer");

	/** Most datasets one query may read. */
	static final int MAX_TABLES = 20;

	private final SparkSession spark;

	/**
	 * Creates the guard.
	 * @param spark the session whose parser is used
	 */
	public SqlGuard(SparkSession spark) {
		this.spark = spark;
	}

	/**
	 * Checks a statement.
	 * @param sql the statement
	 * @return the query and the datasets it reads
	 * @throws SqlNotAllowedException 400 when it is not a read-only query over datasets
	 * @throws CorelakeException 400 {@code SQL_SYNTAX_ERROR} when it does not parse
	 */
	public GuardedQuery check(String sql) {
		LogicalPlan plan;
		try {
			plan = this.spark.sessionState().sqlParser().parsePlan(sql);
		}
		catch (ParseException ex) {
			throw new CorelakeException(ComputeErrorCode.SQL_SYNTAX_ERROR, abbreviate(ex.getMessage()));
		}
		Walk walk = new Walk();
		walk.plan(plan);
		List<TableRef> tables = new ArrayList<>();
		for (Map.Entry<String, TableRef> entry : walk.tables.entrySet()) {
			if (!walk.cteNames.contains(entry.getKey())) {
				tables.add(entry.getValue());
			}
		}
		if (tables.size() > MAX_TABLES) {
			throw SqlNotAllowedException
				.because("The query reads " + tables.size() + " datasets; at most " + MAX_TABLES + " are allowed.");
		}
		return new GuardedQuery(sql, List.copyOf(tables));
	}

	private static String abbreviate(String message) {
		String text = (message != null) ? message.strip() : "cannot parse the statement";
		return (text.length() > 1000) ? text.substring(0, 1000) + "…" : text;
	}

	/** One walk over a plan, its expressions and its subqueries. */
	private static final class Walk {

		private final Map<String, TableRef> tables = new LinkedHashMap<>();

		private final Set<String> cteNames = new HashSet<>();

		private int nodes;

		void plan(LogicalPlan node) {
			if (++this.nodes > 10_000) {
				throw SqlNotAllowedException.because("The query is too large (more than 10000 plan nodes).");
			}
			String kind = node.getClass().getSimpleName();
			if (!ALLOWED_NODES.contains(kind)) {
				throw SqlNotAllowedException.because("Only read-only queries are allowed; '" + node.nodeName() + "' ("
						+ describe(node) + ") is not a query operator.");
			}
			if (node instanceof UnresolvedRelation relation) {
				relation(CollectionConverters.asJava(relation.multipartIdentifier()));
			}
			else if (node instanceof UnresolvedTableValuedFunction function) {
				tableFunction(CollectionConverters.asJava(function.name()));
			}
			else if (node instanceof UnresolvedWith with) {
				// (name, definition, …) tuples whose arity changes between Spark versions
				for (Product cte : CollectionConverters.asJava(with.cteRelations())) {
					this.cteNames.add(String.valueOf(cte.productElement(0)).toLowerCase(Locale.ROOT));
				}
			}
			for (Expression expression : CollectionConverters.asJava(node.expressions())) {
				expression(expression);
			}
			for (LogicalPlan child : CollectionConverters.asJava(node.children())) {
				plan(child);
			}
			for (Object inner : CollectionConverters.asJava(node.innerChildren())) {
				if (inner instanceof LogicalPlan innerPlan) {
					plan(innerPlan);
				}
			}
		}

		private void expression(Expression expression) {
			if (expression instanceof UnresolvedFunction function) {
				function(CollectionConverters.asJava(function.nameParts()));
			}
			else if (expression instanceof UnresolvedGenerator generator) {
				function(List.of(generator.name().funcName()));
			}
			if (expression instanceof SubqueryExpression subquery) {
				plan(subquery.plan());
			}
			for (Expression child : CollectionConverters.asJava(expression.children())) {
				expression(child);
			}
		}

		private void relation(List<String> parts) {
			if (parts.size() != 1) {
				throw SqlNotAllowedException.because("Table '" + String.join(".", parts)
						+ "' is not a catalog dataset: tables are dataset names, never paths (such as parquet.`/dir`) "
						+ "or qualified names.");
			}
			TableRef table;
			try {
				table = TableRef.parse(parts.get(0));
			}
			catch (IllegalArgumentException ex) {
				throw SqlNotAllowedException.because("Table " + ex.getMessage() + ".");
			}
			this.tables.putIfAbsent(table.identifier(), table);
		}

		private void tableFunction(List<String> parts) {
			String name = String.join(".", parts).toLowerCase(Locale.ROOT);
			if (parts.size() != 1 || !ALLOWED_TABLE_FUNCTIONS.contains(name)) {
				throw SqlNotAllowedException.because("Table-valued function '" + name
						+ "' is not allowed; only range and the generators (explode, inline, posexplode, stack, "
						+ "json_tuple) are.");
			}
		}

		private void function(List<String> parts) {
			String name = String.join(".", parts).toLowerCase(Locale.ROOT);
			if (parts.size() != 1) {
				throw SqlNotAllowedException
					.because("Function '" + name + "' is not allowed; only Spark's built-in functions are.");
			}
			if (REFUSED_FUNCTIONS.contains(name)) {
				throw SqlNotAllowedException.because("Function '" + name
						+ "' is not allowed: it reaches the JVM, the file system or the network, or reveals file paths.");
			}
			if (!FunctionRegistry.builtin().functionExists(new FunctionIdentifier(name))) {
				throw SqlNotAllowedException.because(
						"Function '" + name + "' is not a built-in function; user-defined functions are not allowed.");
			}
		}

		private static String describe(LogicalPlan node) {
			String text = node.simpleString(2);
			return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
		}

	}

}
