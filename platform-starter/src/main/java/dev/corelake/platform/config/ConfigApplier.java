package dev.corelake.platform.config;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * Applies a pushed view without a restart. First every {@code @ConfigurationProperties}
 * bean is bound, into a fresh instance, against the environment as it would be; if any
 * {@code @Validated} one fails its validation the whole view is rejected (the service
 * keeps its previous values and reports the rejection). Otherwise the view replaces the
 * old one in the environment and in the cache, and Spring Cloud Context's refresh
 * machinery takes over: an {@link EnvironmentChangeEvent} rebinds
 * {@code @ConfigurationProperties} beans, and {@code @RefreshScope} beans are rebuilt.
 *
 * @author Corelake
 */
class ConfigApplier {

	private static final Log logger = LogFactory.getLog(ConfigApplier.class);

	private final ConfigurableApplicationContext context;

	private final ConfigClientState state;

	private final ConfigCache cache;

	private final Validator validator;

	ConfigApplier(ConfigurableApplicationContext context, ConfigClientState state, ConfigCache cache,
			Validator validator) {
		this.context = context;
		this.state = state;
		this.cache = cache;
		this.validator = validator;
	}

	/**
	 * Applies a view.
	 * @param snapshot the view
	 * @return whether it was applied (else rejected)
	 */
	synchronized boolean apply(ConfigSnapshot snapshot) {
		String name = this.state.settings().propertySourceName();
		MapPropertySource next = new MapPropertySource(name, snapshot.usable());
		MutablePropertySources live = this.context.getEnvironment().getPropertySources();
		MutablePropertySources candidate = new MutablePropertySources(live);
		place(candidate, next);
		String problem = firstBindingProblem(live, candidate);
		if (problem != null) {
			this.state.rejected(snapshot.revision(), problem);
			logger.warn("Rejected configuration revision " + snapshot.revision() + " and kept revision "
					+ this.state.appliedRevision() + ": " + problem);
			return false;
		}
		Set<String> changed = changedKeys(live.get(name), next);
		place(live, next);
		this.cache.write(snapshot);
		this.state.applied(snapshot.revision());
		logger.info("Applied configuration revision " + snapshot.revision() + " (" + changed.size() + " keys changed)");
		if (!changed.isEmpty()) {
			this.context.publishEvent(new EnvironmentChangeEvent(this.context, changed));
			this.context.getBeanProvider(RefreshScope.class).ifAvailable(RefreshScope::refreshAll);
		}
		return true;
	}

	/**
	 * Binds each {@code @ConfigurationProperties} bean against the candidate sources. A
	 * bean that does not bind against the current sources either (not bindable into a
	 * fresh instance) is not this view's fault and is skipped.
	 */
	private String firstBindingProblem(MutablePropertySources live, MutablePropertySources candidate) {
		Binder current = binder(live);
		Binder next = binder(candidate);
		for (ConfigurationPropertiesBean bean : ConfigurationPropertiesBean.getAll(this.context).values()) {
			Bindable<?> target = bean.asBindTarget();
			Bindable<?> fresh = Bindable.of(target.getType()).withAnnotations(target.getAnnotations());
			BindHandler handler = (target.getAnnotation(Validated.class) != null)
					? new ValidationBindHandler(this.validator) : BindHandler.DEFAULT;
			String prefix = bean.getAnnotation().prefix();
			try {
				current.bind(prefix, fresh, handler);
			}
			catch (RuntimeException ex) {
				continue;
			}
			try {
				next.bind(prefix, fresh, handler);
			}
			catch (RuntimeException ex) {
				return describe(prefix, ex);
			}
		}
		return null;
	}

	private static Binder binder(MutablePropertySources sources) {
		return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
	}

	/** The failure without any value in it (values may be secrets). */
	private static String describe(String prefix, RuntimeException ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		String reason = (cause instanceof org.springframework.boot.context.properties.bind.validation.BindValidationException validation)
				? validation.getValidationErrors()
					.getAllErrors()
					.stream()
					.map((error) -> ((error instanceof org.springframework.validation.FieldError field)
							? field.getField() + " " : "") + error.getDefaultMessage())
					.toList()
					.toString()
				: cause.getClass().getSimpleName();
		return "'" + prefix + "' fails validation: " + reason;
	}

	/**
	 * Puts the view where config data imports live: replacing the previous view, else
	 * above the application's own files.
	 */
	static void place(MutablePropertySources sources, MapPropertySource view) {
		if (sources.contains(view.getName())) {
			sources.replace(view.getName(), view);
			return;
		}
		for (PropertySource<?> source : sources) {
			if (source.getName().startsWith("Config resource")) {
				sources.addBefore(source.getName(), view);
				return;
			}
		}
		sources.addLast(view);
	}

	private static Set<String> changedKeys(PropertySource<?> previous, MapPropertySource next) {
		Map<String, Object> before = (previous instanceof EnumerablePropertySource<?> enumerable) ? toMap(enumerable)
				: Map.of();
		Set<String> keys = new HashSet<>(before.keySet());
		keys.addAll(next.getSource().keySet());
		keys.removeIf((key) -> Objects.equals(before.get(key), next.getSource().get(key)));
		return keys;
	}

	private static Map<String, Object> toMap(EnumerablePropertySource<?> source) {
		Map<String, Object> map = new java.util.HashMap<>();
		for (String key : source.getPropertyNames()) {
			map.put(key, source.getProperty(key));
		}
		return map;
	}

}
