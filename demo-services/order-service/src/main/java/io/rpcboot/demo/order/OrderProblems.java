package io.rpcboot.demo.order;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The REST API's answers to orders that cannot be placed or found, as RFC 9457 problem
 * details naming the SKU or order concerned.
 */
final class OrderProblems {

    private OrderProblems() {
    }

    static ErrorResponseException unknownProduct(String sku, Exception cause) {
        return problem(HttpStatus.NOT_FOUND, "Unknown product", cause.getMessage(), "sku", sku, cause);
    }

    static ErrorResponseException outOfStock(String sku, Exception cause) {
        return problem(HttpStatus.CONFLICT, "Out of stock", cause.getMessage(), "sku", sku, cause);
    }

    static ErrorResponseException unknownOrder(String id) {
        return problem(HttpStatus.NOT_FOUND, "Unknown order", "No order with id '" + id + "'", "orderId", id, null);
    }

    private static ErrorResponseException problem(HttpStatus status, String title, @Nullable String detail, String key,
            String value, @Nullable Throwable cause) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty(key, value);
        return new ErrorResponseException(status, problem, cause);
    }

}
