package io.cascade.platform;

import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import io.swagger.v3.oas.annotations.Operation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the server serves is the committed contract (docs/openapi.json, from which the test client is
 * generated), every operation in it is complete, its security is what the server really asks for, and the two
 * linters find no errors in it (docs/api.md, "The OpenAPI document"; ADR 0022).
 */
class OpenApiContractIT extends IntegrationTest {
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    static final Path SNAPSHOT = Path.of("docs/openapi.json");
    static final Path SERVED = Path.of("target/openapi.json");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** The served document, pretty-printed as the snapshot is, and written to target/openapi.json. */
    private String served() throws IOException {
        Api.Response response = anonymous.get("/v3/api-docs");
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        String pretty = Api.JSON.writer(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(Api.JSON.readTree(response.body())) + "\n";
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, pretty, StandardCharsets.UTF_8);
        return pretty;
    }

    private JsonNode document() throws IOException {
        return Api.JSON.readTree(served());
    }

    @Test
    void theServedDocumentIsTheCommittedSnapshot() throws IOException {
        String served = served();
        if (Boolean.getBoolean("openapi.refresh")) {
            Files.writeString(SNAPSHOT, served, StandardCharsets.UTF_8);
        }
        String snapshot = Files.exists(SNAPSHOT) ? Files.readString(SNAPSHOT, StandardCharsets.UTF_8) : "";
        // compared as text without AssertJ's diff, which takes half a minute on 250 kB; the first differing line says where
        assertThat(served.equals(snapshot)).as("The served OpenAPI document (written to %s) differs from the committed "
                        + "snapshot %s, first at line %d. If the change is intended, refresh the snapshot with\n  cp %s %s\n"
                        + "or\n  mvn -B verify -Dopenapi.refresh=true -Dtest=NoSuchTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dit.test=OpenApiContractIT\nand commit it (the test "
                        + "client is generated from it).", SERVED, SNAPSHOT, firstDifference(served, snapshot), SERVED, SNAPSHOT)
                .isTrue();
    }

    private static int firstDifference(String served, String snapshot) {
        String[] a = served.split("\n", -1);
        String[] b = snapshot.split("\n", -1);
        int line = 0;
        while (line < a.length && line < b.length && a[line].equals(b[line])) {
            line++;
        }
        return line + 1;
    }

    @Test
    void everyOperationHasAnIdATagAndItsErrorAnswers() throws IOException {
        JsonNode document = document();
        Set<String> describedTags = new HashSet<>();
        document.path("tags").forEach(tag -> {
            if (!tag.path("description").asString("").isBlank()) {
                describedTags.add(tag.path("name").asString());
            }
        });
        List<String> defects = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                String where = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = entry.getValue();
                String id = operation.path("operationId").asString("");
                if (id.isBlank() || id.matches(".*_\\d+$") || !ids.add(id)) {
                    defects.add(where + ": operationId '" + id + "' is missing, generated or not unique");
                }
                if (operation.path("summary").asString("").isBlank()) {
                    defects.add(where + ": no summary");
                }
                if (operation.path("tags").isEmpty()) {
                    defects.add(where + ": no tag");
                }
                operation.path("tags").forEach(tag -> {
                    if (!describedTags.contains(tag.asString())) {
                        defects.add(where + ": tag '" + tag.asString() + "' has no description");
                    }
                });
                if (inlineObject(operation.path("requestBody").path("content"))) {
                    defects.add(where + ": the request body is an unnamed object schema");
                }
                JsonNode responses = operation.path("responses");
                List<String> statuses = new ArrayList<>(responses.propertyNames());
                if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
                    defects.add(where + ": no success answer");
                }
                for (String required : List.of("400", "406", "500")) {
                    if (!statuses.contains(required)) {
                        defects.add(where + ": no " + required + " answer");
                    }
                }
                boolean bearer = !operation.has("security");
                if (bearer && !(statuses.contains("401") && statuses.contains("403"))) {
                    defects.add(where + ": protected, but no 401 and 403 answers");
                }
                for (String status : statuses) {
                    JsonNode response = responses.path(status);
                    if (status.startsWith("4") || status.startsWith("5")) {
                        String schema = response.path("$ref").asString(null) != null ? "component"
                                : response.path("content").path("application/problem+json").path("schema")
                                .path("$ref").asString("");
                        if (!schema.equals("component") && !schema.equals("#/components/schemas/Problem")) {
                            defects.add(where + ": " + status + " is not an application/problem+json Problem");
                        }
                    }
                    if (status.startsWith("2") && inlineObject(response.path("content"))) {
                        defects.add(where + ": " + status + " answers an unnamed object schema");
                    }
                    if (response.path("content").has("*/*")) {
                        defects.add(where + ": " + status + " answers */*");
                    }
                }
            }
        }
        document.path("components").path("schemas").propertyNames().forEach(name -> {
            if (!name.matches("[A-Z][A-Za-z0-9]*") || name.startsWith("JsonNode")) {
                defects.add("schema " + name + " is not a proper name (or a Jackson internal)");
            }
        });
        assertThat(defects).as("Operations the OpenAPI document leaves incomplete: annotate the controller method "
                + "with @Operation(operationId = ..., summary = ...) and @Tag with a description on its class; "
                + "error answers come from OpenApiContract").isEmpty();
    }

    private static boolean inlineObject(JsonNode content) {
        for (JsonNode media : content) {
            JsonNode schema = media.path("schema");
            if (!schema.has("$ref") && "object".equals(schema.path("type").asString(""))) {
                return true;
            }
        }
        return false;
    }

    /** springdoc would name an operation after its Java method; every API method names its own, on purpose. */
    @Test
    void everyApiMethodNamesItsOperationExplicitly() {
        List<String> unnamed = new ArrayList<>();
        mappings.getHandlerMethods().forEach((mapping, method) -> {
            boolean api = mapping.getPatternValues().stream().anyMatch(p -> p.startsWith("/api/"));
            Operation operation = method.getMethodAnnotation(Operation.class);
            if (api && !method.getBeanType().getPackageName().startsWith("org.springdoc")
                    && (operation == null || operation.operationId().isBlank() || operation.summary().isBlank())) {
                unnamed.add(method.toString());
            }
        });
        assertThat(unnamed).as("API methods without @Operation(operationId = ..., summary = ...)").isEmpty();
    }

    /**
     * Spectral (spectral:oas and the OWASP ruleset) and Redocly (recommended) find no errors in the served document.
     * They come from npm, pinned in tools/openapi-lint/package-lock.json; without node_modules this runs npm ci first.
     * Without npm on the PATH the check is skipped with a message, unless CASCADE_OPENAPI_LINT=required (.ci/run).
     */
    @Test
    void theLintersFindNoErrors() throws Exception {
        served();
        Path tools = Path.of("tools/openapi-lint");
        Path spectral = tools.resolve("node_modules/@stoplight/spectral-cli/dist/index.js");
        Path redocly = tools.resolve("node_modules/@redocly/cli/bin/cli.js");
        if (!Files.exists(spectral) || !Files.exists(redocly)) {
            boolean required = "required".equals(System.getenv("CASCADE_OPENAPI_LINT"));
            boolean npm = Lint.onPath("npm");
            if (!npm && !required) {
                org.junit.jupiter.api.Assumptions.abort("npm is not installed: the OpenAPI lint (Spectral, Redocly) "
                        + "is skipped. Install Node.js 20 and npm to run it (.ci/run does).");
            }
            assertThat(npm).as("CASCADE_OPENAPI_LINT=required, but npm is not on the PATH").isTrue();
            Lint.Result install = Lint.run(tools, List.of("npm", "ci", "--no-audit", "--no-fund"));
            assertThat(install.exit()).as("npm ci in %s:\n%s", tools, install.output()).isZero();
        }
        Path document = SERVED.toAbsolutePath();
        var spectralRun = Lint.start(tools, List.of("node", spectral.toAbsolutePath().toString(), "lint",
                document.toString(), "--ruleset", ".spectral.yaml", "--format", "text", "--fail-severity", "error"));
        var redoclyRun = Lint.start(tools, List.of("node", redocly.toAbsolutePath().toString(), "lint",
                document.toString(), "--config", "redocly.yaml", "--format", "stylish"));
        Lint.Result spectralResult = spectralRun.get();
        Lint.Result redoclyResult = redoclyRun.get();
        assertThat(spectralResult.exit()).as("Spectral found errors in %s:\n%s", SERVED, spectralResult.output())
                .isZero();
        assertThat(redoclyResult.exit()).as("Redocly found errors in %s:\n%s", SERVED, redoclyResult.output())
                .isZero();
    }

    @Test
    void theDeclaredSecurityIsWhatTheServerAsksFor() throws IOException {
        JsonNode document = document();
        List<String> defects = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            String concrete = path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                boolean bearer = !entry.getValue().has("security");
                Api.Response response = anonymous.send(entry.getKey().toUpperCase(), concrete,
                        entry.getKey().equals("get") || entry.getKey().equals("delete") ? null : "{}",
                        "application/json");
                boolean refused = response.status() == 401
                        && "urn:cascade:problem:unauthenticated".equals(response.text("type"));
                if (bearer != refused) {
                    defects.add(entry.getKey().toUpperCase() + " " + path.getKey() + " declares "
                            + (bearer ? "a bearer token" : entry.getValue().path("security"))
                            + " but answers without a token: " + response);
                }
            }
        }
        assertThat(defects).isEmpty();
    }
}
