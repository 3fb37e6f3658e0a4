package dev.corelake.errors.client;

import java.io.IOException;

import dev.corelake.errors.CorelakeException;
import feign.Capability;
import feign.Client;
import feign.ResponseInterceptor;
import feign.codec.DecodeException;
import feign.codec.Decoder;
import feign.codec.ErrorDecoder;

/**
 * OpenFeign capability that applies the error contract to every Feign client: transport
 * failures and unreadable answers become upstream problems, error answers are decoded as
 * problems. Register it as a bean (Spring Cloud OpenFeign adds capability beans to every
 * client) or with {@code Feign.builder().addCapability(...)}.
 *
 * @author Corelake
 */
public class UpstreamFeignCapability implements Capability {

	@Override
	public Client enrich(Client client) {
		return (request, options) -> {
			try {
				return client.execute(request, options);
			}
			catch (IOException ex) {
				throw UpstreamErrors.fromFailure(FeignTargets.serviceName(request), ex);
			}
		};
	}

	@Override
	public Decoder enrich(Decoder decoder) {
		return (response, type) -> {
			try {
				return decoder.decode(response, type);
			}
			catch (IOException | DecodeException ex) {
				throw UpstreamErrors.fromFailure(FeignTargets.serviceName(response.request()),
						(ex.getCause() instanceof IOException io) ? io : new IOException(ex.getMessage(), ex));
			}
		};
	}

	/**
	 * Feign wraps whatever a decoder throws in a {@link DecodeException}; unwrap the
	 * upstream problem raised by the decoder above so that callers see it as such.
	 */
	@Override
	public ResponseInterceptor.Chain enrich(ResponseInterceptor.Chain chain) {
		return (context) -> {
			try {
				return chain.next(context);
			}
			catch (DecodeException ex) {
				if (ex.getCause() instanceof CorelakeException corelake) {
					throw corelake;
				}
				throw ex;
			}
		};
	}

	@Override
	public ErrorDecoder enrich(ErrorDecoder errorDecoder) {
		return new ProblemErrorDecoder();
	}

}
