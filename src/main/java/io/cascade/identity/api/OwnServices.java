package io.cascade.identity.api;

import java.util.List;
import java.util.UUID;

/**
 * What is bound to a user: its mailbox, its SIM. {@code GET /api/v1/me} lists them for service users. Implemented
 * by the modules that bind services to users (hosted mail), which identity cannot depend on.
 */
public interface OwnServices {

    /** The user's services as JSON-serializable values, each with a {@code type}; empty when none. */
    List<?> of(UUID userId);
}
