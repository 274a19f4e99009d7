package io.cascade.platform.internal;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Query, path and form parameters read as strictly as JSON bodies (see {@link JsonConfiguration}). Spring's own
 * conversions are lenient: a number may be {@code 0x10}, {@code #10} or {@code +16}, an enum name may have spaces
 * around it, and a bare number is taken as an instant in epoch milliseconds. Here a number is plain decimal digits with
 * an optional minus sign, an enum value is its exact name, and an instant is an ISO-8601 timestamp with an offset
 * ({@code 2026-12-07T10:00:00Z}); anything else answers 400 {@code invalid-input} naming the parameter. An empty value
 * is no value, as before. These are property editors because Spring consults editors before its conversion service
 * and falls back to its lenient default editors when a conversion fails.
 */
@ControllerAdvice
class StrictParameters {
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

    @InitBinder
    void strict(WebDataBinder binder) {
        binder.registerCustomEditor(Integer.class, editor(text -> Integer.valueOf(decimal(text))));
        binder.registerCustomEditor(int.class, editor(text -> Integer.valueOf(decimal(text))));
        binder.registerCustomEditor(Long.class, editor(text -> Long.valueOf(decimal(text))));
        binder.registerCustomEditor(long.class, editor(text -> Long.valueOf(decimal(text))));
        binder.registerCustomEditor(Instant.class, editor(StrictParameters::instant));
        // enums: the name is checked here and looked up by Spring afterwards, exactly (no trimming left to do)
        binder.registerCustomEditor(Enum.class, editor(text -> {
            if (!text.equals(text.strip())) {
                throw new IllegalArgumentException("spaces around an enum value");
            }
            return text;
        }));
    }

    private static PropertyEditorSupport editor(Function<String, Object> parse) {
        return new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(text == null || text.isEmpty() ? null : parse.apply(text));
            }
        };
    }

    private static String decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a decimal number");
        }
        return text;
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("not an ISO-8601 timestamp", again);
            }
        }
    }
}
