package dev.corelake.gateway.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.ResponseHttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchangeHandlerFunction;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Every upstream's route, as one router function: each service's path patterns lead to a
 * proxy (Spring Cloud Gateway's) with the service's own HTTP client and timeouts, behind
 * the service's {@link UpstreamGuard}. The proxies rewrite headers with
 * {@link ForwardingHeaders} and {@link UpstreamResponseHeaders} alone, one pass each way.
 *
 * @author Corelake
 */
class UpstreamRoutes implements RouterFunction<ServerResponse>, ApplicationListener<ContextRefreshedEvent> {

	private final RouterFunction<ServerResponse> routes;

	private final List<ProxyExchangeHandlerFunction> proxies;

	UpstreamRoutes(RouterFunction<ServerResponse> routes, List<ProxyExchangeHandlerFunction> proxies) {
		this.routes = routes;
		this.proxies = proxies;
	}

	@Override
	public Optional<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		return this.routes.route(request);
	}

	@Override
	public void accept(RouterFunctions.Visitor visitor) {
		this.routes.accept(visitor);
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		// each proxy reads the header filters once the context is ready
		this.proxies.forEach((proxy) -> proxy.onApplicationEvent(event));
	}

	/**
	 * Collects the routes.
	 */
	static final class Builder {

		private final List<RouterFunction<ServerResponse>> routes = new ArrayList<>();

		private final List<ProxyExchangeHandlerFunction> proxies = new ArrayList<>();

		private final ObjectProvider<RequestHttpHeadersFilter> requestFilters;

		private final ObjectProvider<ResponseHttpHeadersFilter> responseFilters;

		/**
		 * Routes whose proxies use exactly these header filters (not every header filter
		 * bean of the context).
		 * @param requestFilter the request's
		 * @param responseFilter the response's
		 */
		Builder(RequestHttpHeadersFilter requestFilter, ResponseHttpHeadersFilter responseFilter) {
			this.requestFilters = new Only<>(requestFilter);
			this.responseFilters = new Only<>(responseFilter);
		}

		Builder add(Map.Entry<String, UpstreamProperties.Upstream> service, ProxyExchange exchange,
				UpstreamGuard guard) {
			UpstreamProperties.Upstream upstream = service.getValue();
			ProxyExchangeHandlerFunction proxy = new ProxyExchangeHandlerFunction(exchange, this.requestFilters,
					this.responseFilters, (request) -> upstream.url());
			this.proxies.add(proxy);
			RequestPredicate paths = upstream.paths()
				.stream()
				.map(RequestPredicates::path)
				.reduce(RequestPredicate::or)
				.orElseThrow();
			this.routes.add(GatewayRouterFunctions.route(service.getKey()).route(paths, proxy).filter(guard).build());
			return this;
		}

		UpstreamRoutes build() {
			RouterFunction<ServerResponse> all = this.routes.stream()
				.reduce(RouterFunction::and)
				.orElse((request) -> Optional.empty());
			return new UpstreamRoutes(all, List.copyOf(this.proxies));
		}

	}

	/**
	 * A provider of one fixed object, for the proxy's header filter lists.
	 */
	private static final class Only<T> implements ObjectProvider<T> {

		private final T object;

		Only(T object) {
			this.object = object;
		}

		@Override
		public T getObject() {
			return this.object;
		}

		@Override
		public Stream<T> stream() {
			return Stream.of(this.object);
		}

		@Override
		public Stream<T> orderedStream() {
			return Stream.of(this.object);
		}

	}

}
