package dev.corelake.errors;

import java.util.Collection;
import java.util.List;

/**
 * Lists the constants of an error code enum in the catalog. Subclass it with a public
 * no-argument constructor and register the subclass in
 * {@code META-INF/services/dev.corelake.errors.ErrorCodeProvider}.
 *
 * @param <E> the enum type
 * @author Corelake
 */
public abstract class EnumErrorCodeProvider<E extends Enum<E> & ErrorCode> implements ErrorCodeProvider {

	private final String owner;

	private final Class<E> type;

	/**
	 * Creates the provider.
	 * @param owner the owning module, e.g. {@code catalog-service}
	 * @param type the enum
	 */
	protected EnumErrorCodeProvider(String owner, Class<E> type) {
		this.owner = owner;
		this.type = type;
	}

	@Override
	public String owner() {
		return this.owner;
	}

	@Override
	public Collection<E> errorCodes() {
		return List.of(this.type.getEnumConstants());
	}

}
