package io.cascade.platform.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Query and path parameters read as strictly as JSON bodies (see {@link JsonConfiguration}). Spring's own conversions
 * are lenient: a number may be {@code 0x10}, {@code #10} or {@code +16}, an enum name may have spaces around it, and a
 * bare number is taken as an instant in epoch milliseconds. Here a number is plain decimal digits with an optional
 * minus sign, an enum value is its exact name, and an instant is an ISO-8601 timestamp with an offset
 * ({@code 2026-12-07T10:00:00Z}); anything else answers 400 {@code invalid-input} naming the parameter. An empty value
 * is no value, as before.
 */
@Configuration(proxyBeanMethods = false)
class StrictParameters implements WebMvcConfigurer {
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Integer.class, text -> text.isEmpty() ? null
                : Integer.valueOf(decimal(text)));
        registry.addConverter(String.class, Long.class, text -> text.isEmpty() ? null : Long.valueOf(decimal(text)));
        registry.addConverter(String.class, Instant.class, StrictParameters::instant);
        registry.addConverterFactory(new ExactEnums());
    }

    private static String decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a decimal number");
        }
        return text;
    }

    private static Instant instant(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(text); // throws for anything that is no ISO-8601 instant
        }
    }

    /** Enum values by their exact name. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class ExactEnums implements ConverterFactory<String, Enum> {
        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
            Class<?> type = targetType;
            while (type != null && !type.isEnum()) {
                type = type.getSuperclass();
            }
            Class enumType = type;
            return text -> text.isEmpty() ? null : (T) Enum.valueOf(enumType, text);
        }
    }
}
