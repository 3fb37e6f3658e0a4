package dev.corelake.compute.sql;

import java.util.List;

/**
 * A query the guard let through.
 *
 * @param sql the statement
 * @param tables the catalog datasets it reads, each once, in order of appearance
 * @author Corelake
 */
public record GuardedQuery(String sql, List<TableRef> tables) {

}
