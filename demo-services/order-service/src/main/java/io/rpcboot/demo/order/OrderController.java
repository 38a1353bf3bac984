package io.rpcboot.demo.order;

import java.net.URI;
import java.util.List;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.rpcboot.RpcException;
import io.rpcboot.demo.api.CatalogService;
import io.rpcboot.demo.api.OutOfStockException;
import io.rpcboot.demo.api.Product;
import io.rpcboot.demo.api.ProductNotFoundException;

/**
 * The REST API: {@code POST /orders}, {@code GET /orders/{id}} and {@code GET /products}.
 * Failures are answered as RFC 9457 problem details ({@code application/problem+json}).
 */
@RestController
public class OrderController {

    private final Checkout checkout;

    private final CatalogService catalog;

    /**
     * Creates the controller.
     * @param checkout places and finds orders
     * @param catalog the catalog service
     */
    public OrderController(Checkout checkout, CatalogService catalog) {
        this.checkout = checkout;
        this.catalog = catalog;
    }

    /**
     * Places an order.
     * @param request what to order
     * @return {@code 201 Created} with the order; {@code 404} for an unknown product,
     * {@code 409} when out of stock, {@code 503} when a service it needs is unavailable
     */
    @PostMapping("/orders")
    public ResponseEntity<Order> place(@RequestBody OrderRequest request) {
        Order order;
        try {
            order = this.checkout.place(request);
        }
        catch (ProductNotFoundException ex) {
            throw OrderProblems.unknownProduct(request.sku(), ex);
        }
        catch (OutOfStockException ex) {
            throw OrderProblems.outOfStock(request.sku(), ex);
        }
        return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
    }

    /**
     * Returns an order placed earlier.
     * @param id the order's id
     * @return the order; {@code 404} when there is none with that id
     */
    @GetMapping("/orders/{id}")
    public Order order(@PathVariable String id) {
        return this.checkout.find(id).orElseThrow(() -> OrderProblems.unknownOrder(id));
    }

    /**
     * Returns the products that can be ordered.
     * @return the catalog's products
     */
    @GetMapping("/products")
    public List<Product> products() {
        try {
            return this.catalog.products();
        }
        catch (RpcException ex) {
            throw RemoteServiceException.of("catalog", ex);
        }
    }

    /**
     * Answers a body that is not a valid order with {@code 400 Bad Request} saying what
     * is wrong.
     * @param ex the failure to read the body
     * @return the problem
     */
    @ExceptionHandler
    public ProblemDetail invalidOrder(HttpMessageNotReadableException ex) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                (cause instanceof IllegalArgumentException) ? cause.getMessage()
                        : "The body must be an order such as {\"sku\": \"MUG\", \"quantity\": 1}");
        problem.setTitle("Invalid order");
        return problem;
    }

}
