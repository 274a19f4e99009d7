package io.cascade.payments.internal;

import io.cascade.payments.api.PaymentGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Every {@link PaymentGateway} bean of the application, by its kind. */
@Component
public class GatewayConnectors {
    private final Map<String, PaymentGateway> byKind = new TreeMap<>();

    GatewayConnectors(List<PaymentGateway> gateways) {
        for (PaymentGateway gateway : gateways) {
            if (byKind.put(gateway.kind(), gateway) != null) {
                throw new IllegalStateException("Two payment gateway connectors of the kind " + gateway.kind());
            }
        }
    }

    public Optional<PaymentGateway> of(String kind) {
        return Optional.ofNullable(kind == null ? null : byKind.get(kind));
    }

    public Set<String> kinds() {
        return byKind.keySet();
    }
}
