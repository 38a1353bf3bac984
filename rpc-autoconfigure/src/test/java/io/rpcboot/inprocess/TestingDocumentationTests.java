package io.rpcboot.inprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recipe of docs/testing.md's "In-process tests" is the test that runs:
 * {@code io.rpcboot.inprocess.recipe.CatalogServiceInProcessTests}, word for word.
 */
class TestingDocumentationTests {

    private static final Path DOCUMENT = Path.of("../docs/testing.md");

    private static final Path RECIPE = Path
        .of("src/test/java/io/rpcboot/inprocess/recipe/CatalogServiceInProcessTests.java");

    @Test
    void inProcessSectionShowsTheRecipeTestAsItRuns() throws IOException {
        String section = section(Files.readString(DOCUMENT), "## In-process tests");
        String recipe = Files.readString(RECIPE).strip();
        assertThat(section).contains("```java\n" + recipe + "\n```");
        assertThat(section).contains("rpc.server.port=-1\nrpc.server.in-process.name=catalog\n");
        assertThat(recipe).contains("\"rpc.server.port=-1\", \"rpc.server.in-process.name=catalog\"");
    }

    private static String section(String document, String heading) {
        int start = document.indexOf("\n" + heading + "\n");
        assertThat(start).as("the heading " + heading).isNotNegative();
        int end = document.indexOf("\n## ", start + 1);
        return document.substring(start, (end < 0) ? document.length() : end);
    }

}
