package io.rpcboot.inprocess.recipe;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The catalog application whose service the recipe tests.
 */
@SpringBootApplication
public class CatalogApplication {

}
