package io.rpcboot.demo.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;

/**
 * A call to a service this one depends on failed for a reason other than a business
 * exception the service declares. Answered as {@code 503 Service Unavailable} (with
 * {@code Retry-After}) when the service could not be reached or did not answer in time,
 * otherwise as {@code 502 Bad Gateway}.
 * <p>
 * The caller is told which service failed and whether to try again; the transport's
 * reason (an address, "Connection refused") means nothing to it and goes to this
 * service's log instead, on one line.
 */
public class RemoteServiceException extends ErrorResponseException {

    private static final long serialVersionUID = 1L;

    private static final Logger logger = LoggerFactory.getLogger(RemoteServiceException.class);

    private RemoteServiceException(String service, RpcException cause) {
        super(statusOf(cause), problem(service, cause), cause);
        if (getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE) {
            getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        }
    }

    /**
     * Logs the failure of a call, with its reason, and returns the exception that answers
     * it.
     * @param service the logical name of the service that failed, such as
     * {@code inventory}
     * @param failure the failure of the call
     * @return the exception to throw
     */
    public static RemoteServiceException of(String service, RpcException failure) {
        logger.warn("Call to {} failed: {}", displayName(service), failure.getMessage());
        return new RemoteServiceException(service, failure);
    }

    private static String displayName(String service) {
        return service + "-service";
    }

    private static HttpStatus statusOf(RpcException failure) {
        return isTransient(failure.getStatus()) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
    }

    private static boolean isTransient(RpcStatus status) {
        return status == RpcStatus.UNAVAILABLE || status == RpcStatus.DEADLINE_EXCEEDED
                || status == RpcStatus.RESOURCE_EXHAUSTED;
    }

    private static ProblemDetail problem(String service, RpcException failure) {
        HttpStatus status = statusOf(failure);
        String detail = switch (failure.getStatus()) {
            case UNAVAILABLE -> displayName(service) + " is unavailable; try again later";
            case DEADLINE_EXCEEDED -> displayName(service) + " did not answer in time; try again later";
            case RESOURCE_EXHAUSTED -> displayName(service) + " is overloaded; try again later";
            default -> displayName(service) + " could not process the request";
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(isTransient(failure.getStatus()) ? "Service unavailable" : "Service failed");
        problem.setProperty("service", service);
        problem.setProperty("rpcStatus", failure.getStatus().name());
        return problem;
    }

}
