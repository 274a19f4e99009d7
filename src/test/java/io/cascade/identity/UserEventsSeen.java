package io.cascade.identity;

import io.cascade.identity.api.UserActivated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the {@link UserActivated} events the application publishes, for tests to look at (test classpath only). */
@Component
class UserEventsSeen {
    static final List<UserActivated> ACTIVATED = new CopyOnWriteArrayList<>();

    @EventListener
    void activated(UserActivated event) {
        ACTIVATED.add(event);
    }
}
