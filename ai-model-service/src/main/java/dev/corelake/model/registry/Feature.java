package dev.corelake.model.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A column a model reads (a feature) or predicts (its label), with its Spark SQL type
 * ({@code int}, {@code bigint}, {@code double}, {@code boolean}, {@code string} …).
 *
 * @param name column name
 * @param type Spark SQL type, in Spark's short form
 * @author Corelake
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Feature(String name, String type) {

}
