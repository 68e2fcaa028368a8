package io.thriftstore.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import io.thriftstore.platform.kafka.Outages;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.net.URI;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one translator from exceptions to RFC 9457 problems. Every answer is
 * {@code application/problem+json} with a stable {@code type} ({@link ProblemTypes}), and field errors
 * under {@code errors}. Bad input is always a 4xx; anything unexpected is a 500 whose detail says
 * nothing about the cause (which is logged here instead).
 * <p>
 * Ordered last: a service's own {@code @RestControllerAdvice} for its own exceptions is consulted first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    static final String GENERIC_SERVER_ERROR = "Something went wrong on our side. It has been logged; please try again later.";

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);
    private static final java.time.Duration OUTAGE_RETRY_AFTER = java.time.Duration.ofSeconds(5);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
        problem.setType(ex.type());
        HttpHeaders headers = new HttpHeaders();
        if (ex instanceof RateLimitedException limited) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        if (ex instanceof ServiceUnavailableException unavailable) {
            unavailable.retryAfter().ifPresent(after -> headers.set(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, after.toSeconds() + (after.toNanosPart() > 0 ? 1 : 0)))));
        }
        if (ex instanceof BadRequestException badRequest && !badRequest.errors().isEmpty()) {
            problem.setTitle("Validation failed");
            problem.setProperty("errors", badRequest.errors());
        }
        return handleExceptionInternal(ex, problem, headers, ex.status(), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> handleUnauthenticated(AuthenticationException ex, WebRequest request,
                                                 HttpServletResponse response) {
        String detail = "A valid bearer token is required.";
        if (ex instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
            detail = "The bearer token was rejected: " + oauth.getError().getDescription();
        }
        else if (!(ex instanceof InsufficientAuthenticationException || ex instanceof AuthenticationCredentialsNotFoundException)) {
            detail = "The bearer token was rejected.";
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setType(ProblemTypes.UNAUTHORIZED);
        HttpHeaders headers = new HttpHeaders();
        // The resource server's entry point has usually set a precise challenge already.
        if (!response.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.UNAUTHORIZED, request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "You are not allowed to do this.");
        problem.setType(ProblemTypes.FORBIDDEN);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
    }

    /** Bean validation outside controllers' parameters, e.g. on a {@code @Validated} service. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
            .map(violation -> new FieldProblem(path(violation.getPropertyPath()), violation.getMessage()))
            .sorted(Comparator.comparing(FieldProblem::field))
            .toList();
        return badRequest(ex, ProblemTypes.VALIDATION, "Validation failed", "The request has invalid fields.", errors, request);
    }

    /** Lost an optimistic-locking race without having sent If-Match: someone else changed it first. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> handleOptimisticLock(OptimisticLockingFailureException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
            "The resource was changed by someone else at the same time; reload it and try again.");
        problem.setType(ProblemTypes.CONFLICT);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
        if (declared != null && declared.code().is4xxClientError()) {
            String detail = declared.reason().isEmpty() ? declared.code().getReasonPhrase() : declared.reason();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(declared.code(), detail);
            return handleExceptionInternal(ex, problem, new HttpHeaders(), declared.code(), request);
        }
        if (Outages.isOutage(ex)) {
            // A database or service that is down is no bug of ours: the client may retry, and a 503 says so.
            log.warn("A store or service is unavailable on {}: {}", describe(request), ex.toString());
            return handleProblem(new ServiceUnavailableException(
                "A store this service needs is unavailable at the moment; nothing was changed by this failure. Retry shortly.",
                OUTAGE_RETRY_AFTER), request);
        }
        log.error("Unexpected error on {}", describe(request), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, GENERIC_SERVER_ERROR);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return badRequest(ex, ProblemTypes.VALIDATION, "Validation failed", "The request has invalid fields.",
            errorsOf(ex.getBindingResult()), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        if (ex.isForReturnValue()) {
            return handleUnexpected(ex, request);
        }
        List<FieldProblem> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors parameterErrors) {
                errors.addAll(errorsOf(parameterErrors.getFieldErrors(), parameterErrors.getGlobalErrors()));
                continue;
            }
            String field = parameterName(result.getMethodParameter());
            if (result.getContainerIndex() != null) {
                field += "[" + result.getContainerIndex() + "]";
            }
            else if (result.getContainerKey() != null) {
                field += "[" + result.getContainerKey() + "]";
            }
            for (var error : result.getResolvableErrors()) {
                errors.add(new FieldProblem(field, error.getDefaultMessage()));
            }
        }
        return badRequest(ex, ProblemTypes.VALIDATION, "Validation failed", "The request has invalid fields.", errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        String message = expected(ex.getRequiredType());
        return badRequest(ex, ProblemTypes.TYPE_MISMATCH, "Wrong type", "'" + field + "' " + message + ".",
            List.of(new FieldProblem(field, message)), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = causeOf(ex, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return handleProblem(tooLarge, request);
        }
        MismatchedInputException mismatch = causeOf(ex, MismatchedInputException.class);
        if (mismatch != null && !mismatch.getPath().isEmpty()) {
            String field = jsonPath(mismatch.getPath());
            String message = expected(mismatch.getTargetType());
            return badRequest(ex, ProblemTypes.TYPE_MISMATCH, "Wrong type", "'" + field + "' " + message + ".",
                List.of(new FieldProblem(field, message)), request);
        }
        String detail;
        if (causeOf(ex, StreamReadException.class) != null) {
            detail = "The request body is not valid JSON.";
        }
        else if (causeOf(ex, JacksonException.class) != null) {
            detail = "The request body does not have the expected shape.";
        }
        else {
            detail = "The request body is missing or unreadable.";
        }
        return badRequest(ex, ProblemTypes.MALFORMED_REQUEST, "Malformed request", detail, List.of(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return badRequest(ex, ProblemTypes.MISSING_PARAMETER, "Missing parameter",
            "The parameter '" + ex.getParameterName() + "' is required.",
            List.of(new FieldProblem(ex.getParameterName(), "is required")), request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return badRequest(ex, ProblemTypes.MISSING_PARAMETER, "Missing header",
                "The header '" + missing.getHeaderName() + "' is required.",
                List.of(new FieldProblem(missing.getHeaderName(), "is required")), request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    /**
     * Every answer passes here: the type defaults from the status, the instance is the request path,
     * 5xx details that did not come from a {@link ProblemException} are replaced by a generic text,
     * and the content type is always problem+json (whatever the client asked for).
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(ProblemTypes.forStatus(status.value()));
        }
        if (problem.getInstance() == null) {
            problem.setInstance(instance(request));
        }
        if (status.is5xxServerError() && !(ex instanceof ProblemException)) {
            problem.setDetail(GENERIC_SERVER_ERROR);
        }
        else if (problem.getDetail() == null) {
            problem.setDetail(defaultDetail(ex, status));
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(ex, problem, problemHeaders, status, request);
    }

    /** For framework errors that come without a detail; written for the client, naming no internals. */
    private static String defaultDetail(Exception ex, HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "There is nothing at this address.";
            case 405 -> ex instanceof HttpRequestMethodNotSupportedException unsupported
                ? "The method " + unsupported.getMethod() + " is not supported here."
                : "This method is not supported here.";
            case 406 -> "None of the accepted media types can be produced here; ask for application/json.";
            case 413 -> "The request body is too large.";
            case 415 -> "This content type is not supported here; send application/json.";
            default -> {
                HttpStatus known = HttpStatus.resolve(status.value());
                yield known != null ? known.getReasonPhrase() + "." : "The request failed.";
            }
        };
    }

    private ResponseEntity<Object> badRequest(Exception ex, URI type, String title, String detail,
                                              List<FieldProblem> errors, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(type);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    private static List<FieldProblem> errorsOf(BindingResult result) {
        return errorsOf(result.getFieldErrors(), result.getGlobalErrors());
    }

    private static List<FieldProblem> errorsOf(List<FieldError> fieldErrors, List<ObjectError> globalErrors) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : fieldErrors) {
            String message = error.isBindingFailure() ? "has the wrong type" : error.getDefaultMessage();
            errors.add(new FieldProblem(error.getField(), message));
        }
        for (ObjectError error : globalErrors) {
            errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage()));
        }
        errors.sort(Comparator.comparing(FieldProblem::field));
        return errors;
    }

    /** The name the client used: the annotation's name when given, else the Java parameter name. */
    private static String parameterName(MethodParameter parameter) {
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        RequestHeader requestHeader = parameter.getParameterAnnotation(RequestHeader.class);
        if (requestHeader != null && !requestHeader.name().isEmpty()) {
            return requestHeader.name();
        }
        String name = parameter.getParameterName();
        return name != null ? name : "arg" + parameter.getParameterIndex();
    }

    /** {@code items[0].quantity} from a Jackson path. */
    private static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** {@code list[1].quantity} from a bean-validation path, leaving out the method and parameter names. */
    private static String path(Path propertyPath) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : propertyPath) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null && !node.getName().isEmpty() && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }

    /** What the value should have been, in words a client developer understands (no Java type names). */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == java.math.BigInteger.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 date or time";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        return "has the wrong type";
    }

    private static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static URI instance(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            try {
                return URI.create(servlet.getRequest().getRequestURI());
            }
            catch (IllegalArgumentException unparsable) {
                return null;
            }
        }
        return null;
    }

    private static String describe(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            HttpServletRequest http = servlet.getRequest();
            return http.getMethod() + " " + http.getRequestURI();
        }
        return request.getDescription(false);
    }
}
