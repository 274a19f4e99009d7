package io.cascade.identity.internal;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Keeps the built-in roles' privileges in line with the code, before anything signs in or is created. */
@Component
class BuiltInRolesSync implements InitializingBean {
    private final Staff staff;
    private final Clock clock;

    BuiltInRolesSync(Staff staff, Clock clock) {
        this.staff = staff;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        staff.syncBuiltInRoles(clock.instant());
    }
}
