package io.rpcboot.inprocess.recipe;

/**
 * No product has the SKU asked for.
 */
public class ProductNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProductNotFoundException(String message) {
        super(message);
    }

}
