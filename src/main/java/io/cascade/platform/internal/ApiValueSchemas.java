package io.cascade.platform.internal;

import io.cascade.shared.Money;
import io.cascade.shared.Price;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;

import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value types as the API reads and writes them, instead of what reflection sees in the Java types: {@link Money}
 * and {@link Price} are {@code {"amount": "12.50", "currency": "EUR"}} with the amount a decimal string, and a
 * {@link Currency} is its ISO 4217 code, and a JSON tree (an audit event's before and after) any JSON value. Each becomes one named schema that every use refers to.
 */
class ApiValueSchemas implements ModelConverter {
    static final String MONEY = "Money";
    static final String PRICE = "Price";
    static final String CURRENCY = "CurrencyCode";
    static final String JSON_VALUE = "JsonValue";
    /** A decimal as the API writes it: at most 15 digits before and 10 after the point (Money.MAX_*). */
    static final String DECIMAL = "^-?[0-9]{1,15}(\\.[0-9]{1,10})?$";

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Class<?> raw = rawClass(type.getType());
        if (raw == Money.class) {
            return define(context, MONEY, amount("An exact amount in the currency's scale (EUR 2 places, JPY 0), "
                    + "rounded HALF_UP: a decimal string, never a JSON number in answers", "12.50"), "An amount of money");
        }
        if (raw == Price.class) {
            return define(context, PRICE, amount("A price per unit with up to 4 decimals (at least the currency's "
                    + "scale): a decimal string", "0.0125"), "A price per unit of a resource");
        }
        if (raw == Currency.class) {
            context.defineModel(CURRENCY, currency());
            return ref(CURRENCY);
        }
        if (tools.jackson.databind.JsonNode.class.isAssignableFrom(raw)) {
            context.defineModel(JSON_VALUE, new Schema<>(SpecVersion.V31).description("Any JSON value"));
            return ref(JSON_VALUE);
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }

    /** The class of a type as swagger-core hands it over (a class, a parameterized type or its own type token). */
    private static Class<?> rawClass(java.lang.reflect.Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            return rawClass(p.getRawType());
        }
        return Json.mapper().constructType(type).getRawClass();
    }

    private static Schema<?> define(ModelConverterContext context, String name, Schema<?> amount, String title) {
        context.defineModel(CURRENCY, currency());
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("amount", amount);
        properties.put("currency", ref(CURRENCY));
        Schema<?> schema = new Schema<>(SpecVersion.V31).types(Set.of("object")).description(title)
                .properties(properties).required(List.of("amount", "currency"));
        schema.setAdditionalProperties(false);
        context.defineModel(name, schema);
        return ref(name);
    }

    private static Schema<?> amount(String description, String example) {
        Schema<Object> amount = new Schema<>(SpecVersion.V31).types(Set.of("string")).pattern(DECIMAL)
                .description(description);
        amount.setExamples(List.of(example));
        return amount;
    }

    private static Schema<?> currency() {
        Schema<Object> currency = new Schema<>(SpecVersion.V31).types(Set.of("string")).pattern("^[A-Z]{3}$")
                .description("An ISO 4217 currency code");
        currency.setExamples(List.of("EUR"));
        return currency;
    }

    private static Schema<?> ref(String name) {
        return new Schema<>(SpecVersion.V31).$ref("#/components/schemas/" + name);
    }
}
