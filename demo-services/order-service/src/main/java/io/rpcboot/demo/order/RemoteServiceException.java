package io.rpcboot.demo.order;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;

/**
 * A call to a service this one depends on failed for a reason other than a business exception the
 * service declares. Answered as {@code 503 Service Unavailable} (with {@code Retry-After}) when the
 * service could not be reached or did not answer in time, otherwise as {@code 502 Bad Gateway}.
 */
public class RemoteServiceException extends ErrorResponseException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param service the logical name of the service that failed, such as {@code inventory}
     * @param cause the failure of the call
     */
    public RemoteServiceException(String service, RpcException cause) {
        super(statusOf(cause), problem(service, cause), cause);
        if (getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE) {
            getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        }
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
        String detail = isTransient(failure.getStatus())
                ? "The " + service + " service is unavailable, try again later (" + failure.getMessage() + ")"
                : "The " + service + " service failed (" + failure.getMessage() + ")";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(isTransient(failure.getStatus()) ? "Service unavailable" : "Service failed");
        problem.setProperty("service", service);
        problem.setProperty("rpcStatus", failure.getStatus().name());
        return problem;
    }

}
