package io.cascade.platform.internal;

import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.MethodMetadata;
import org.springframework.web.servlet.HandlerMapping;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.List;

/**
 * What the start still does at once while the rest of the beans is created on first use
 * ({@code spring.main.lazy-initialization=true} in application.properties, benchmark P6): everything that acts at
 * start or checks something stays eager, so a lazy context starts exactly as safely as an eager one.
 * <ul>
 * <li>Flyway's migration (the schema is migrated and validated before anything uses it);</li>
 * <li>Cascade's beans that act at start: the provider's bootstrap before any request, the built-in roles' sync, the job
 * engine and every job (recurring jobs are scheduled at start), runners (demo data);</li>
 * <li>every bean that reads a setting, Cascade's and Spring's bound properties, and Cascade's own {@code @Bean}
 * methods: a bad setting still fails the start;</li>
 * <li>the MVC handler mappings: two handlers on one path still fail the start.</li>
 * </ul>
 * What is left lazy is what only requests use: most controllers and services, the panels' template engine, the
 * OpenAPI document's machinery, and the like.
 */
@Configuration(proxyBeanMethods = false)
class StartupConfiguration {
    private static final List<Class<?>> EAGER_TYPES = List.of(FlywayMigrationInitializer.class, HandlerMapping.class);
    private static final List<Class<?>> EAGER_CASCADE_TYPES = List.of(InitializingBean.class,
            SmartInitializingSingleton.class, Lifecycle.class, ApplicationRunner.class, CommandLineRunner.class,
            Task.class);

    @Bean
    static LazyInitializationExcludeFilter eagerAtStart() {
        return StartupConfiguration::eager;
    }

    static boolean eager(String name, BeanDefinition definition, Class<?> type) {
        if (type == null) {
            return true;
        }
        if (EAGER_TYPES.stream().anyMatch(t -> t.isAssignableFrom(type))
                || type.isAnnotationPresent(ConfigurationProperties.class)) {
            return true;
        }
        if (definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata factory = annotated.getFactoryMethodMetadata();
            if (factory != null && cascade(factory.getDeclaringClassName())) {
                return true;
            }
        }
        if (!cascade(type.getName())) {
            return false;
        }
        return EAGER_CASCADE_TYPES.stream().anyMatch(t -> t.isAssignableFrom(type)) || readsSettings(type);
    }

    private static boolean cascade(String className) {
        return className.startsWith("io.cascade.");
    }

    /** A @Value or a bound properties type in a constructor, or a @Value field. */
    private static boolean readsSettings(Class<?> type) {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            for (Parameter parameter : constructor.getParameters()) {
                if (parameter.isAnnotationPresent(Value.class)
                        || parameter.getType().isAnnotationPresent(ConfigurationProperties.class)) {
                    return true;
                }
            }
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(Value.class)) {
                    return true;
                }
            }
        }
        return false;
    }
}
